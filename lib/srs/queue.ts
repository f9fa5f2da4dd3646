import { CardState, isLearning, type SchedulingState } from "./card-state";

/** What the queue needs to know of one card. */
export interface QueueCandidate {
  id: string;
  conceptId: string;
  /**
   * Study order: the deck's position among the user's decks, the concept's rank in its deck (deck
   * order with prerequisites first, lib/decks/concept-rank.ts), then the kind's position.
   */
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

export function compareOrder(a: QueueCandidate, b: QueueCandidate): number {
  for (let i = 0; i < 3; i++) if (a.order[i] !== b.order[i]) return a.order[i] - b.order[i];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Sibling bury: two cards of one concept are not both shown on one study day. A card is buried
 * when another card of its concept was reviewed today, or when its concept is already queued.
 */
export class SiblingBury {
  private readonly studied = new Map<string, Set<string>>();
  private readonly queued = new Set<string>();

  constructor(reviewedToday: { cardId: string; conceptId: string }[]) {
    for (const { cardId, conceptId } of reviewedToday) {
      if (!this.studied.has(conceptId)) this.studied.set(conceptId, new Set());
      this.studied.get(conceptId)!.add(cardId);
    }
  }

  isBuried(card: { id: string; conceptId: string }): boolean {
    const studied = this.studied.get(card.conceptId);
    const siblingStudied = studied !== undefined && [...studied].some((id) => id !== card.id);
    return siblingStudied || this.queued.has(card.conceptId);
  }

  queue(card: { conceptId: string }): void {
    this.queued.add(card.conceptId);
  }

  /** Concepts whose cards cannot be shown now: reviewed today or already queued. */
  concepts(): string[] {
    return [...new Set([...this.studied.keys(), ...this.queued])];
  }
}

/**
 * Learning cards due before the day ends, earliest first: those due now, and those due later today.
 * Never buried and never limited; their concepts are queued, which buries their siblings.
 */
export function selectLearning(candidates: QueueCandidate[], now: Date, dayEnd: Date, bury: SiblingBury): Queue {
  const byDue = (a: QueueCandidate, b: QueueCandidate) =>
    a.scheduling.due.getTime() - b.scheduling.due.getTime() || compareOrder(a, b);
  const learning = candidates.filter((c) => isLearning(c.scheduling.state) && c.scheduling.due < dayEnd);
  const cards = learning.filter((c) => c.scheduling.due <= now).sort(byDue);
  const learningLater = learning.filter((c) => c.scheduling.due > now).sort(byDue);
  for (const card of [...cards, ...learningLater]) bury.queue(card);
  return { cards, learningLater };
}

/** Review cards due before the day ends, lowest retrievability first, up to `budget`, buried ones skipped. */
export function selectReviews(
  candidates: QueueCandidate[],
  dayEnd: Date,
  budget: number,
  bury: SiblingBury,
  retrievability: (card: SchedulingState) => number,
): QueueCandidate[] {
  const due = candidates
    .filter((c) => c.scheduling.state === CardState.Review && c.scheduling.due < dayEnd)
    .map((card) => ({ card, r: retrievability(card.scheduling) }))
    .sort(
      (a, b) => a.r - b.r || a.card.scheduling.due.getTime() - b.card.scheduling.due.getTime() || compareOrder(a.card, b.card),
    );
  return take(
    due.map(({ card }) => card),
    budget,
    bury,
  );
}

/** New cards in study order (`order`), up to `budget`, buried ones skipped. */
export function selectNew(candidates: QueueCandidate[], budget: number, bury: SiblingBury): QueueCandidate[] {
  return take(candidates.filter((c) => c.scheduling.state === CardState.New).sort(compareOrder), budget, bury);
}

function take(ordered: QueueCandidate[], budget: number, bury: SiblingBury): QueueCandidate[] {
  const taken: QueueCandidate[] = [];
  for (const card of ordered) {
    if (taken.length >= budget) break;
    if (bury.isBuried(card)) continue;
    taken.push(card);
    bury.queue(card);
  }
  return taken;
}

export function reviewBudget(input: Pick<QueueInput, "limits" | "reviewsDoneToday">): number {
  return Math.max(0, input.limits.reviewsPerDay - input.reviewsDoneToday);
}

export function newBudget(input: Pick<QueueInput, "limits" | "newIntroducedToday">): number {
  return Math.max(0, input.limits.newPerDay - input.newIntroducedToday);
}

/**
 * Today's review queue: learning cards due now, then reviews due today (lowest retrievability
 * first) up to the review limit, then new cards up to the new-card limit in study order. Two cards
 * of one concept are not both shown on one study day (sibling bury).
 *
 * The data layer runs the same three steps on just the cards each step can take (see
 * lib/server/study/queue.ts); this composes them over any set of candidates.
 */
export function buildQueue(input: QueueInput): Queue {
  const bury = new SiblingBury(input.reviewedToday);
  const learning = selectLearning(input.candidates, input.now, input.dayEnd, bury);
  const reviews = selectReviews(input.candidates, input.dayEnd, reviewBudget(input), bury, input.retrievability);
  const fresh = selectNew(input.candidates, newBudget(input), bury);
  return { cards: [...learning.cards, ...reviews, ...fresh], learningLater: learning.learningLater };
}

/** 32-bit FNV-1a of a string, mixed (murmur3's finalizer) so near strings land far apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * New cards in random order: each concept gets a place from a hash of the seed (the user and the
 * study day) and its id, so the order holds all day (a reload shows the same cards) and changes
 * the next day. The kind's position keeps a concept's two cards in their usual order.
 */
export function shuffleNew(candidates: QueueCandidate[], seed: string): QueueCandidate[] {
  return candidates.map((card) => ({ ...card, order: [hash32(`${seed}:${card.conceptId}`), 0, card.order[2]] }));
}
