import { getSessionUser } from "@/lib/server/auth";
import { restoreAccountBackup } from "@/lib/server/backup";
import { serverNow } from "@/lib/server/clock";
import { UserError } from "@/lib/server/errors";
import type { RestoreResultDTO } from "@/lib/types/backup";
import { BACKUP_MAX_BYTES } from "@/lib/validation/backup";
import { isSameOrigin, readLimited } from "../upload";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const TOO_LARGE = `The file is larger than ${BACKUP_MAX_BYTES / (1024 * 1024)} MB, more than a backup may be.`;

function answer(result: RestoreResultDTO, status: number): Response {
  return Response.json(result, { status, headers: NO_STORE });
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
