import { getSessionUser } from "@/lib/server/auth";
import { getOptimizerStatus } from "@/lib/server/optimizer";

export const dynamic = "force-dynamic";

/** The signed-in learner's optimizer status: the settings page polls it while a fit runs. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(await getOptimizerStatus(user.id), { headers: { "Cache-Control": "no-store" } });
}
