import { exportDeckMarkdown } from "@/lib/server/exports";
import { deckDownload } from "../../../download";

export const dynamic = "force-dynamic";

/** One of the learner's decks (or a built-in one with their wordings) as Mesa deck markdown. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return deckDownload(params, "text/markdown; charset=utf-8", exportDeckMarkdown);
}
