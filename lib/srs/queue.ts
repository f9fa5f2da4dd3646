import { CardState, isLearning, type SchedulingState } from "./card";

/** What the queue needs to know of one card. */
export interface QueueCandidate {
  id: string;
  conceptId: string;
  conceptSlug: string;
  /** Concept slugs that should be learned first (same deck). */
  prerequisites: string[];
  /** Deck order: the deck's position among the user's decks, then the concept's, then the kind's. */
  order: [number, number, number];
  scheduling: SchedulingState;
}

export interface QueueInput {
  candidates: QueueCandidate[];
  now: Date;
  /** End of the current study day: reviews due before it are due today. */
  dayEnd: Date;
  limits: { newPerDay: number; reviewsPerDay: number };
  /** Non-undone reviews of Review-state cards already done this study day. */
  reviewsDoneToday: number;
  /** Cards first studied this study day. */
  newIntroducedToday: number;
  /** Card ids reviewed this study day, with their concepts: siblings of these are buried. */
  reviewedToday: { cardId: string; conceptId: string }[];
  /** Probability of recall now, lowest first among due reviews. */
  retrievability: (card: SchedulingState) => number;
}

export interface Queue {
  /** Cards to show now, in order. */
  cards: QueueCandidate[];
  /** Learning cards due later this study day (shown once due). */
  learningLater: QueueCandidate[];
}

function compareOrder(a: QueueCandidate, b: QueueCandidate): number {
  for (let i = 0; i < 3; i++) if (a.order[i] !== b.order[i]) return a.order[i] - b.order[i];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * New cards in deck order, except that a concept never comes before a prerequisite that is also
 * still new. Stable: among cards whose prerequisites are met, deck order decides. A cycle in the
 * prerequisites falls back to deck order rather than dropping cards.
 */
export function orderNewCards(cards: QueueCandidate[]): QueueCandidate[] {
  const remaining = [...cards].sort(compareOrder);
  const pendingSlugs = new Map<string, number>();
  for (const card of remaining) pendingSlugs.set(card.conceptSlug, (pendingSlugs.get(card.conceptSlug) ?? 0) + 1);
  const ordered: QueueCandidate[] = [];
  while (remaining.length > 0) {
    let index = remaining.findIndex((card) =>
      card.prerequisites.every((slug) => slug === card.conceptSlug || !pendingSlugs.has(slug)),
    );
    if (index === -1) index = 0;
    const [next] = remaining.splice(index, 1);
    ordered.push(next);
    const left = (pendingSlugs.get(next.conceptSlug) ?? 1) - 1;
    if (left === 0) pendingSlugs.delete(next.conceptSlug);
    else pendingSlugs.set(next.conceptSlug, left);
  }
  return ordered;
}

/**
 * Today's review queue: learning cards due now, then reviews due today (lowest retrievability
 * first) up to the review limit, then new cards up to the new-card limit, prerequisites first.
 * Two cards of one concept are not both shown on one study day (sibling bury).
 */
export function buildQueue(input: QueueInput): Queue {
  const { candidates, now, dayEnd, limits } = input;
  const studiedConcepts = new Map<string, Set<string>>();
  for (const { cardId, conceptId } of input.reviewedToday) {
    if (!studiedConcepts.has(conceptId)) studiedConcepts.set(conceptId, new Set());
    studiedConcepts.get(conceptId)!.add(cardId);
  }
  const queuedConcepts = new Set<string>();
  const isBuried = (card: QueueCandidate) => {
    const studied = studiedConcepts.get(card.conceptId);
    const siblingStudied = studied !== undefined && [...studied].some((id) => id !== card.id);
    return siblingStudied || queuedConcepts.has(card.conceptId);
  };

  const learning = candidates.filter((c) => isLearning(c.scheduling.state));
  const learningNow = learning
    .filter((c) => c.scheduling.due <= now)
    .sort((a, b) => a.scheduling.due.getTime() - b.scheduling.due.getTime() || compareOrder(a, b));
  const learningLater = learning
    .filter((c) => c.scheduling.due > now && c.scheduling.due < dayEnd)
    .sort((a, b) => a.scheduling.due.getTime() - b.scheduling.due.getTime() || compareOrder(a, b));
  for (const card of [...learningNow, ...learningLater]) queuedConcepts.add(card.conceptId);

  const reviewBudget = Math.max(0, limits.reviewsPerDay - input.reviewsDoneToday);
  const dueReviews = candidates
    .filter((c) => c.scheduling.state === CardState.Review && c.scheduling.due < dayEnd)
    .map((card) => ({ card, r: input.retrievability(card.scheduling) }))
    .sort((a, b) => a.r - b.r || a.card.scheduling.due.getTime() - b.card.scheduling.due.getTime() || compareOrder(a.card, b.card))
    .map(({ card }) => card);
  const reviews: QueueCandidate[] = [];
  for (const card of dueReviews) {
    if (reviews.length >= reviewBudget) break;
    if (isBuried(card)) continue;
    reviews.push(card);
    queuedConcepts.add(card.conceptId);
  }

  const newBudget = Math.max(0, limits.newPerDay - input.newIntroducedToday);
  const newCards: QueueCandidate[] = [];
  for (const card of orderNewCards(candidates.filter((c) => c.scheduling.state === CardState.New))) {
    if (newCards.length >= newBudget) break;
    if (isBuried(card)) continue;
    newCards.push(card);
    queuedConcepts.add(card.conceptId);
  }

  return { cards: [...learningNow, ...reviews, ...newCards], learningLater };
}
