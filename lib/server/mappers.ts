import "server-only";
import type { Card, Concept, Deck, User } from "@/lib/generated/prisma/client";
import type { CardStateValue, SchedulingState } from "@/lib/srs/card";
import type { SchedulerSettings, StudySettings } from "@/lib/srs/settings";
import type { CardKind, ReviewCardDTO } from "@/lib/types";

export function parseJsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function schedulerSettingsOf(
  user: Pick<User, "desiredRetention" | "learningSteps" | "relearningSteps" | "maximumIntervalDays" | "enableFuzz" | "fsrsWeights">,
): SchedulerSettings {
  // Malformed stored weights fall back to the defaults rather than breaking every review.
  let weights: number[] | null = null;
  try {
    const parsed: unknown = user.fsrsWeights ? JSON.parse(user.fsrsWeights) : null;
    if (Array.isArray(parsed) && parsed.length === 21 && parsed.every((w) => typeof w === "number")) weights = parsed;
  } catch {
    weights = null;
  }
  return {
    desiredRetention: user.desiredRetention,
    learningSteps: user.learningSteps,
    relearningSteps: user.relearningSteps,
    maximumIntervalDays: user.maximumIntervalDays,
    enableFuzz: user.enableFuzz,
    fsrsWeights: weights,
  };
}

export function studySettingsOf(user: User): StudySettings {
  return {
    timeZone: user.timeZone,
    dayStartHour: user.dayStartHour,
    newCardsPerDay: user.newCardsPerDay,
    reviewsPerDay: user.reviewsPerDay,
  };
}

type SchedulingColumns = Pick<
  Card,
  "due" | "stability" | "difficulty" | "scheduledDays" | "learningSteps" | "reps" | "lapses" | "state" | "lastReview"
>;

export function schedulingOf(card: SchedulingColumns): SchedulingState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as CardStateValue,
    lastReview: card.lastReview,
  };
}

/** The Card columns for a scheduling state (the inverse of schedulingOf). */
export function schedulingColumns(s: SchedulingState): SchedulingColumns {
  return { ...s };
}

type ReviewCardColumns = Pick<Card, "id" | "version" | "kind"> & SchedulingColumns;

/** A review card without its grade previews (the queue adds them: they need the scheduler settings). */
export function reviewCardDTO(card: ReviewCardColumns, concept: Concept, deck: Deck): Omit<ReviewCardDTO, "previews"> {
  return {
    id: card.id,
    version: card.version,
    kind: card.kind as CardKind,
    term: concept.term,
    definition: concept.definition,
    examples: parseJsonList(concept.examples),
    aliases: parseJsonList(concept.aliases),
    sourceLocator: concept.sourceLocator,
    deckTitle: deck.title,
    sourceTitle: deck.sourceTitle,
    sourceUrl: deck.sourceUrl,
    scheduling: schedulingOf(card),
  };
}
