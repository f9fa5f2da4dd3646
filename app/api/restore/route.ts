import { getSessionUser } from "@/lib/server/auth";
import { restoreAccountBackup } from "@/lib/server/backup";
import { serverNow } from "@/lib/server/clock";
import { UserError } from "@/lib/server/errors";
import type { RestoreResultDTO } from "@/lib/types/backup";
import { BACKUP_MAX_BYTES } from "@/lib/validation/backup";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const TOO_LARGE = `The file is larger than ${BACKUP_MAX_BYTES / (1024 * 1024)} MB, more than a backup may be.`;

function answer(result: RestoreResultDTO, status: number): Response {
  return Response.json(result, { status, headers: NO_STORE });
}

/**
 * Whether the request comes from one of this server's own pages: its Origin names the host the
 * request was sent to (as the start server decided the forwarding headers), or, without an Origin,
 * Sec-Fetch-Site says same-origin. The start server checks this before Next; this covers `next dev`.
 */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.headers.get("sec-fetch-site") === "same-origin";
  const first = (value: string | null) => value?.split(",")[0].trim() || null;
  const url = new URL(request.url);
  const scheme = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host")) ?? url.host;
  try {
    // Through URL on both sides, so a default port written out (":443") compares equal to none.
    return origin !== "null" && new URL(origin).host === new URL(`${scheme}://${host}`).host;
  } catch {
    return false;
  }
}

/** The body, or null as soon as it passes the limit. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Restores the backup file sent as the request body into the signed-in learner's account, which
 * must hold no study data yet. Nothing is written unless the whole file is valid.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request))
    return answer({ ok: false, error: "Refused: a restore must come from this Mesa server's own page." }, 403);
  const user = await getSessionUser();
  if (!user) return answer({ ok: false, error: "Sign in first." }, 401);
  const body = await readLimited(request, BACKUP_MAX_BYTES);
  if (body === null) return answer({ ok: false, error: TOO_LARGE }, 413);
  try {
    const summary = await restoreAccountBackup(user.id, body, serverNow());
    return answer({ ok: true, summary }, 200);
  } catch (error) {
    if (error instanceof UserError) return answer({ ok: false, error: error.message }, error.code === "CONFLICT" ? 409 : 400);
    console.error(error);
    return answer({ ok: false, error: "Something went wrong on the server, and nothing was restored. Please try again." }, 500);
  }
}
