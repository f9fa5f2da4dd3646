import type { QuizMode } from "@/lib/quiz/types";

/** How many study days the reviews chart covers. */
export type StatsRange = 30 | 90 | 365;

/** A number for one study day (an ISO date, see lib/srs/study-day). */
export interface DayCountDTO {
  day: string;
  count: number;
}

/** One study day of the reviews chart, by the card's state before each review. */
export interface DayReviewsDTO {
  day: string;
  new: number;
  /** Learning and relearning together. */
  learning: number;
  review: number;
  /** Time spent, from each review's duration. */
  durationMs: number;
}

/** Passed reviews (Hard, Good or Easy) out of all reviews of cards that were in the Review state. */
export interface RetentionCellDTO {
  passed: number;
  total: number;
  /** passed / total, or null with no reviews. */
  rate: number | null;
}

export type RetentionPeriod = "today" | "yesterday" | "week" | "month" | "year";

/** Young: the interval before the review was under 21 days (Anki's definition); mature: 21 or more. */
export interface RetentionRowDTO {
  period: RetentionPeriod;
  /** How many study days the period covers, ending today (yesterday: 1 day, ending yesterday). */
  days: number;
  young: RetentionCellDTO;
  mature: RetentionCellDTO;
  all: RetentionCellDTO;
}

export interface HistogramBinDTO {
  label: string;
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (the last bin includes it); null for an open-ended last bin. */
  to: number | null;
  count: number;
}

export interface HistogramDTO {
  bins: HistogramBinDTO[];
  total: number;
  mean: number | null;
  median: number | null;
}

/** Cards by state; suspended cards are counted only as suspended. */
export interface CardCountsDTO {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  suspended: number;
  total: number;
}

/** Quiz answers and the share answered right. */
export interface AccuracyDTO {
  answers: number;
  correct: number;
  /** correct / answers, or null with no answers. */
  rate: number | null;
}

/** Quiz answers of one study day (or of the week starting that day). */
export interface DayQuizDTO extends AccuracyDTO {
  day: string;
}

export interface QuizModeAccuracyDTO extends AccuracyDTO {
  mode: QuizMode;
}

/** Quiz accuracy over the statistics page's range. */
export interface QuizStatsDTO {
  /** Whether the user has ever answered a quiz question (before the range too). */
  everQuizzed: boolean;
  /** One entry per study day of the range, oldest first, ending today. */
  days: DayQuizDTO[];
  overall: AccuracyDTO;
  /** The five modes, in the quiz's order. */
  byMode: QuizModeAccuracyDTO[];
}

export interface StatsDTO {
  /** The current study day. */
  today: string;
  timeZone: string;
  dayStartHour: number;
  /** Reviews per study day for the heatmap: the last 371 days (53 weeks), oldest first, ending today. */
  calendar: DayCountDTO[];
  range: StatsRange;
  /** One entry per study day of the range, oldest first, ending today. */
  reviews: DayReviewsDTO[];
  retention: RetentionRowDTO[];
  /** Cards due per study day, today first (overdue cards count today), 30 days. */
  forecast: DayCountDTO[];
  counts: CardCountsDTO;
  /** Studied, unsuspended cards: probability of recall now (0..1). */
  retrievability: HistogramDTO;
  /** Studied, unsuspended cards: FSRS stability in days. */
  stability: HistogramDTO;
  /** Studied, unsuspended cards: FSRS difficulty as a percentage, (D - 1) / 9. */
  difficulty: HistogramDTO;
  quiz: QuizStatsDTO;
}
