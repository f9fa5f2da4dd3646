import type { SchedulingState } from "@/lib/srs/card-state";
import type { GradePreview } from "@/lib/srs/grades";
import type { CardKind, ConceptTextDTO } from "./cards";
import type { HeldBackDTO } from "./study";

/** One card of the review session, with everything the front and back show. */
export interface ReviewCardDTO extends ConceptTextDTO {
  id: string;
  version: number;
  kind: CardKind;
  /** What the page needs of the schedule (when a learning card comes back); the rest stays on the server. */
  scheduling: Pick<SchedulingState, "due" | "state">;
  /**
   * The interval each grade would give, computed by the server (the browser has no scheduler).
   * Empty until the server has sent them: the page computes them for the first cards only
   * (PREVIEWS_AHEAD), and the grades before a card bring its previews (CardUpdateDTO.upcoming).
   */
  previews: GradePreview[];
  /**
   * Terms to tell this one apart from, shown on the back: the ones the user has confused it with
   * in quizzes (most confused first), else the deck's declared confusables.
   */
  confusedWith: string[];
}

export interface ReviewQueueDTO {
  cards: ReviewCardDTO[];
  learningLater: ReviewCardDTO[];
  /** When the study day ends (later learning cards are not shown past it). */
  dayEnd: Date;
  /** The one deck under review (`/review?deck=slug`), or null for all of them. */
  deck: { slug: string; title: string } | null;
  /** New cards of the decks in view that the daily limit keeps out once this queue is done. */
  heldBack: HeldBackDTO | null;
  timeZone: string;
}

/** A card after a grade or an undo: its new scheduling state and version. */
export interface CardUpdateDTO {
  cardId: string;
  version: number;
  scheduling: SchedulingState;
  /** The grade buttons' intervals for the card as it is now (when it comes back later today). */
  previews: GradePreview[];
  /** The previews of the cards the grade asked for (GradeInput.previewFor), of those that are the user's. */
  upcoming?: CardPreviewsDTO[];
  /** Set when this grade made the card a leech and suspended it: it does not come back today. */
  suspended?: true;
}

export interface CardPreviewsDTO {
  cardId: string;
  previews: GradePreview[];
}
