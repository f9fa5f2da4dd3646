import { exportCardsTsv } from "@/lib/server/exports";
import { download } from "../download";

export const dynamic = "force-dynamic";

/** All the learner's concepts, in their wording, as a file Anki imports. */
export async function GET() {
  return download("text/tab-separated-values; charset=utf-8", exportCardsTsv);
}
