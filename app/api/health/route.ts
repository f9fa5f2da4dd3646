import { getHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** Uptime check: 200 with the applied migration count when the database answers, else 503. */
export async function GET() {
  try {
    return Response.json(await getHealth(), { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
