import { getSessionUser } from "@/lib/server/auth";
import { NotFoundError, UserError } from "@/lib/server/errors";
import type { Download } from "@/lib/server/exports";
import { DeckIdSchema } from "@/lib/validation/authoring";

/*
 * The shared answer of the export routes: 401 without a session, 404 for a deck that is not the
 * learner's to read (nothing about it is said), 429 while the learner's previous Anki package is
 * still being built, otherwise the file as an attachment that no cache keeps (a streamed file is
 * sent as it is read).
 */

const NO_STORE = { "Cache-Control": "no-store" };

function fileResponse(file: Download, contentType: string): Response {
  const body = file.body instanceof Uint8Array ? new Blob([file.body as Uint8Array<ArrayBuffer>]) : file.body;
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export async function download(contentType: string, produce: (userId: string) => Promise<Download>): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: NO_STORE });
  try {
    return fileResponse(await produce(user.id), contentType);
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found." }, { status: 404, headers: NO_STORE });
    if (error instanceof UserError && error.code === "RATE_LIMITED") {
      return Response.json({ error: error.message }, { status: 429, headers: { ...NO_STORE, "Retry-After": "10" } });
    }
    throw error;
  }
}

/** The deck id of an export URL, or a 404 for one that cannot be an id. */
export async function deckDownload(
  params: Promise<{ id: string }>,
  contentType: string,
  produce: (userId: string, deckId: string) => Promise<Download>,
): Promise<Response> {
  const input = DeckIdSchema.safeParse({ deckId: (await params).id });
  if (!input.success) {
    const user = await getSessionUser();
    if (!user) return Response.json({ error: "Sign in first." }, { status: 401, headers: NO_STORE });
    return Response.json({ error: "Not found." }, { status: 404, headers: NO_STORE });
  }
  return download(contentType, (userId) => produce(userId, input.data.deckId));
}
