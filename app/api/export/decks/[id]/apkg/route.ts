import { serverNow } from "@/lib/server/clock";
import { exportDeckApkg } from "@/lib/server/exports";
import { deckDownload } from "../../../download";

export const dynamic = "force-dynamic";

/** One deck as an Anki package with the learner's cards and review history. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return deckDownload(params, "application/apkg", (userId, deckId) => exportDeckApkg(userId, deckId, serverNow()));
}
