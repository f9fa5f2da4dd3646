import type { FitScore } from "@/lib/srs/fit-summary";

/** A fit waiting to be saved. */
export interface FitCandidateDTO {
  weights: number[];
  current: FitScore | null;
  fitted: FitScore | null;
  /** Training items (reviews on a later day than the one before) and graded reviews it used. */
  items: number;
  reviews: number;
  /** ISO time. */
  fittedAt: string;
}

/** The optimizer as the settings page (and its progress poll) shows it. Dates are ISO strings. */
export interface OptimizerStatusDTO {
  available: boolean;
  /** Graded reviews (not undone) the learner has, and how many a fit needs. */
  reviews: number;
  needed: number;
  job: { status: "running"; progress: number; startedAt: string } | { status: "failed"; message: string } | null;
  candidate: FitCandidateDTO | null;
  /** The weights in use: null means the defaults. */
  weights: number[] | null;
  fittedAt: string | null;
  /** Whether earlier weights are kept and can be brought back. */
  canRestore: boolean;
}
