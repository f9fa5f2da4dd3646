import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewSession } from "@/components/review/review-session";
import { LinkButton } from "@/components/ui/button";
import { NavLink } from "@/components/ui/nav-link";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { findStudiedDeckId } from "@/lib/server/enrolments";
import { getReviewQueue } from "@/lib/server/study/queue";
import { revertWordingAction, wordingSeenAction } from "../(with-header)/cards/[id]/actions";
import { addExtraNewCardsAction, gradeCardAction, undoReviewAction } from "./actions";

export const metadata: Metadata = { title: "Review" };

/** `?deck=<slug>` reviews one of the decks the user studies (from /decks). */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ deck?: string | string[] }> }) {
  const user = await requireUser();
  const now = serverNow();
  const { deck } = await searchParams;
  const deckId = typeof deck === "string" ? await findStudiedDeckId(user.id, deck) : undefined;
  if (deckId === null) notFound();
  const queue = await getReviewQueue(user.id, now, deckId);
  return (
    <main>
      <h1 className="sr-only">Review</h1>
      <ReviewSession
        initial={queue}
        loadedAt={now.toISOString()}
        gradeAction={gradeCardAction}
        undoAction={undoReviewAction}
        moreNewCardsAction={addExtraNewCardsAction}
        wordingSeenAction={wordingSeenAction}
        revertWordingAction={revertWordingAction}
        homeLink={
          <NavLink href="/" size="sm">
            ← Home
          </NavLink>
        }
        summaryLink={
          <LinkButton href="/" variant="secondary" className="mt-8">
            Back to home
          </LinkButton>
        }
      />
    </main>
  );
}
