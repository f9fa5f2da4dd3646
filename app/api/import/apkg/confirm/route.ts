import { getSessionUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { confirmApkgImport } from "@/lib/server/import/apkg-jobs";
import { isSameOrigin, readLimited } from "../../../upload";
import { ApkgConfirmSchema } from "@/lib/validation/apkg-import";
import { json, refuse, refuseError } from "../respond";

export const dynamic = "force-dynamic";

const CONFIRM_MAX_BYTES = 4096;

/**
 * Imports a package that has been read: `{ jobId, deckId }` or `{ jobId, newDeckTitle }`. Answers
 * 202 at once; the write's progress and outcome come through GET /api/import/apkg?job=.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return refuse("Refused: an import must come from this Mesa server's own page.", 403);
  const user = await getSessionUser();
  if (!user) return refuse("Sign in first.", 401);
  const body = await readLimited(request, CONFIRM_MAX_BYTES);
  if (body === null) return refuse("The request is too large.", 413);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return refuse("The request is not valid JSON.", 400);
  }
  const input = ApkgConfirmSchema.safeParse(parsed);
  if (!input.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of input.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    return refuse(input.error.issues[0]?.message ?? "The request is not valid.", 400, fieldErrors);
  }
  try {
    confirmApkgImport(
      user.id,
      input.data.jobId,
      input.data.deckId ? { deckId: input.data.deckId } : { deckId: null, newDeckTitle: input.data.newDeckTitle },
      serverNow(),
    );
    return json({ jobId: input.data.jobId }, 202);
  } catch (error) {
    return refuseError(error, "nothing was imported");
  }
}
