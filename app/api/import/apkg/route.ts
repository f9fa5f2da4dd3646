import { getSessionUser } from "@/lib/server/auth";
import { assertCanStartApkgImport, cancelApkgImport, getApkgImport, startApkgImport } from "@/lib/server/import/apkg-jobs";
import { isSameOrigin, readLimited } from "../../upload";
import { ApkgFileNameSchema, ApkgJobIdSchema, ApkgJobQuerySchema } from "@/lib/validation/apkg-import";
import { APKG_MAX_BYTES } from "@/lib/validation/apkg-import-limits";
import { firstIssue, json, refuse, refuseError } from "./respond";

export const dynamic = "force-dynamic";

const TOO_LARGE = `The file is larger than ${APKG_MAX_BYTES / (1024 * 1024)} MB, more than one import takes.`;
const SIGN_IN = "Sign in first.";

/**
 * Starts importing the Anki package sent as the request body (its file name in `?name=`): answers
 * 202 with the job's id at once; the package is read in the background (GET follows it). Nothing
 * is written before the confirmation (./confirm).
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return refuse("Refused: an import must come from this Mesa server's own page.", 403);
  const user = await getSessionUser();
  if (!user) return refuse(SIGN_IN, 401);
  const name = ApkgFileNameSchema.safeParse(new URL(request.url).searchParams.get("name") ?? "");
  if (!name.success) return refuse(firstIssue(name.error.issues), 400);
  try {
    // Before reading up to 50 MB that would be refused anyway.
    assertCanStartApkgImport(user.id);
    const body = await readLimited(request, APKG_MAX_BYTES);
    if (body === null) return refuse(TOO_LARGE, 413);
    return json(await startApkgImport(user.id, name.data, body), 202);
  } catch (error) {
    return refuseError(error, "nothing was imported");
  }
}

/**
 * The job's state (`?job=`), and once read, its summary and the plan against `?deck=`, or without
 * it a new deck titled `?title=`.
 */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return refuse(SIGN_IN, 401);
  const params = new URL(request.url).searchParams;
  const query = ApkgJobQuerySchema.safeParse({
    job: params.get("job") ?? "",
    deck: params.get("deck") || undefined,
    title: params.get("title") || undefined,
  });
  if (!query.success) return refuse(firstIssue(query.error.issues), 400);
  try {
    return json(await getApkgImport(user.id, query.data.job, query.data.deck ?? null, query.data.title || undefined));
  } catch (error) {
    return refuseError(error, "nothing was imported");
  }
}

/** Cancels a job that is reading (`?job=`) and forgets it; nothing was written by it. */
export async function DELETE(request: Request) {
  if (!isSameOrigin(request)) return refuse("Refused: this must come from this Mesa server's own page.", 403);
  const user = await getSessionUser();
  if (!user) return refuse(SIGN_IN, 401);
  const job = ApkgJobIdSchema.safeParse(new URL(request.url).searchParams.get("job") ?? "");
  if (!job.success) return refuse(firstIssue(job.error.issues), 400);
  try {
    cancelApkgImport(user.id, job.data);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return refuseError(error, "nothing was changed");
  }
}
