import { getSessionUser } from "@/lib/server/auth";
import { streamAccountBackup } from "@/lib/server/backup";
import { serverNow } from "@/lib/server/clock";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** The signed-in learner's whole account as one gzip-compressed JSON file, written while it is read. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: NO_STORE });
  const { filename, stream } = await streamAccountBackup(user.id, serverNow());
  return new Response(stream, {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
