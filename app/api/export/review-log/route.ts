import { exportReviewLogCsv } from "@/lib/server/exports";
import { download } from "../download";

export const dynamic = "force-dynamic";

/** The learner's review log in the FSRS optimizer tools' CSV layout. */
export async function GET() {
  return download("text/csv; charset=utf-8", exportReviewLogCsv);
}
