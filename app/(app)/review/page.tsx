import type { Metadata } from "next";
import { ReviewSession } from "@/components/review/review-session";
import { requireUser } from "@/lib/server/auth";
import { getReviewQueue } from "@/lib/server/study";
import { gradeCardAction, undoReviewAction } from "./actions";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const user = await requireUser();
  const now = new Date();
  const queue = await getReviewQueue(user.id, now);
  return (
    <main>
      <h1 className="sr-only">Review</h1>
      <ReviewSession initial={queue} loadedAt={now.toISOString()} gradeAction={gradeCardAction} undoAction={undoReviewAction} />
    </main>
  );
}
