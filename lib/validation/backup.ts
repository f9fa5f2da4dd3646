import { z } from "zod";
import {
  DAILY_GOAL_KINDS,
  DAILY_GOAL_REVIEWS_MAX,
  DAILY_GOAL_REVIEWS_MIN,
  DAY_START_HOUR_MAX,
  NEW_CARDS_PER_DAY_MAX,
  REVIEWS_PER_DAY_MAX,
} from "./settings-limits";

/*
 * The account backup file ("mesa-account-backup", version 1): everything one learner has, with
 * built-in decks and concepts named by their slugs and the learner's own rows by keys that only
 * mean something inside the file. The restore parses the whole file with this schema before it
 * writes anything, so an error names the path of the first value at fault.
 *
 * References:
 * - a deck: "builtin:<deck slug>" or "own:<deck slug>" (own deck slugs are unique per learner);
 * - a concept: "<deck reference>/<concept slug>";
 * - a card: the `key` of one of the file's cards.
 * Concept and deck ids inside a quiz's scope and questions are written as the same references.
 */

export const BACKUP_FORMAT = "mesa-account-backup";
export const BACKUP_VERSION = 1;
export { BACKUP_MAX_BYTES, BACKUP_MAX_UNPACKED_BYTES } from "./backup-limits";

const TEXT_MAX = 100_000;
const text = (max = TEXT_MAX) => z.string().max(max);
const instant = z.iso.datetime({ offset: false }).transform((value) => new Date(value));
const nullableInstant = instant.nullable();
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const count = int(0, 2_147_483_647);
const finite = z.number().finite();

/** A column that holds a JSON array of strings (aliases, tags, ...), kept as written. */
const jsonStringList = text().refine((value) => {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string");
  } catch {
    return false;
  }
}, "must be a JSON array of strings");

/** A column that holds any JSON value, kept as written. */
const jsonText = (max = TEXT_MAX) =>
  text(max).refine((value) => {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  }, "must be JSON text");

const jsonNumberList = jsonText(10_000).refine((value) => {
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) && parsed.every((item) => typeof item === "number" && Number.isFinite(item));
}, "must be a JSON array of numbers");

// Slugs never hold a slash or white space; the references split on the first slash.
const SLUG = /^[^/\s]{1,300}$/;
export const DECK_REF = /^(builtin|own):([^/\s]{1,300})$/;
export const CONCEPT_REF = /^((?:builtin|own):[^/\s]{1,300})\/([^/\s]{1,300})$/;
const slug = z.string().regex(SLUG, "must be a slug (no slash or white space)");
const deckRef = z.string().regex(DECK_REF, 'must be a deck reference ("builtin:slug" or "own:slug")');
const conceptRef = z.string().regex(CONCEPT_REF, 'must be a concept reference ("builtin:deck/concept" or "own:deck/concept")');
const key = z.string().min(1).max(64);

const CARD_KINDS = ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] as const;
const LOG_KINDS = ["GRADE", "RESET", "RESCHEDULE", "IMPORT"] as const;

export const BackupSettingsSchema = z.strictObject({
  accountCreatedAt: instant,
  timeZone: text(100),
  dayStartHour: int(0, DAY_START_HOUR_MAX),
  newCardsPerDay: int(0, NEW_CARDS_PER_DAY_MAX),
  reviewsPerDay: int(0, REVIEWS_PER_DAY_MAX),
  desiredRetention: z.number().gt(0).lt(1),
  learningSteps: text(200),
  relearningSteps: text(200),
  maximumIntervalDays: int(1, 36500),
  enableFuzz: z.boolean(),
  fsrsWeights: jsonNumberList.nullable(),
  previousFsrsWeights: jsonNumberList.nullable(),
  fsrsFittedAt: nullableInstant,
  fsrsFitCandidate: jsonText().nullable(),
  dailyGoalKind: z.enum(DAILY_GOAL_KINDS),
  dailyGoalReviews: int(DAILY_GOAL_REVIEWS_MIN, DAILY_GOAL_REVIEWS_MAX),
  dailyGoalChosenAt: nullableInstant,
  leechThreshold: int(1, 1000),
  leechAction: z.enum(["TAG", "SUSPEND"]),
  newCardOrder: z.enum(["DECK", "RANDOM"]),
});

export const BackupConceptSchema = z.strictObject({
  slug,
  position: count,
  rank: count,
  term: text(),
  definition: text(),
  aliases: jsonStringList,
  examples: jsonStringList,
  confusables: jsonStringList,
  prerequisites: jsonStringList,
  tags: jsonStringList,
  sourceLocator: text(),
  sourceUrl: text(),
  cardKinds: jsonStringList,
  createdAt: instant,
  updatedAt: instant,
  retiredAt: nullableInstant,
});

export const BackupDeckSchema = z.strictObject({
  slug,
  title: text(1000),
  description: text(),
  sourceTitle: text(),
  sourceUrl: text(),
  createdAt: instant,
  updatedAt: instant,
  concepts: z.array(BackupConceptSchema),
});

export const BackupEnrolmentSchema = z.strictObject({
  deck: deckRef,
  createdAt: instant,
  stoppedAt: nullableInstant,
});

export const BackupOverrideSchema = z.strictObject({
  concept: conceptRef,
  definition: text().nullable(),
  examples: jsonStringList.nullable(),
  aliases: jsonStringList.nullable(),
  tags: jsonStringList.nullable(),
  originalHash: text(200),
  originalChangeSeenAt: nullableInstant,
  createdAt: instant,
  updatedAt: instant,
});

export const BackupCardSchema = z.strictObject({
  key,
  concept: conceptRef,
  kind: z.enum(CARD_KINDS),
  due: instant,
  stability: finite,
  difficulty: finite,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  state: int(0, 3),
  lastReview: nullableInstant,
  rank: count,
  suspended: z.boolean(),
  buriedUntil: nullableInstant,
  version: count,
  createdAt: instant,
});

export const BackupReviewLogSchema = z
  .strictObject({
    card: key,
    kind: z.enum(LOG_KINDS),
    grade: int(0, 4),
    state: int(0, 3),
    due: instant,
    lastReview: nullableInstant,
    stability: finite,
    difficulty: finite,
    scheduledDays: count,
    learningSteps: count,
    elapsedDays: int(-2_147_483_648, 2_147_483_647),
    reviewedAt: instant,
    durationMs: count,
    clientId: text(200).min(1),
    undoneAt: nullableInstant,
    batchId: text(200).nullable(),
  })
  .refine((log) => (log.kind === "GRADE" ? log.grade >= 1 : log.grade === 0), {
    message: "must be 1-4 for a review (kind GRADE) and 0 for a manual entry",
    path: ["grade"],
  });

export const BackupQuizAttemptSchema = z.strictObject({
  concept: conceptRef,
  mode: text(100),
  correct: z.boolean(),
  chosenConcept: conceptRef.nullable(),
  typed: text().nullable(),
  durationMs: count,
  answeredAt: instant,
});

export const BackupQuizQuestionSchema = z.strictObject({
  index: count,
  mode: text(100),
  concept: conceptRef,
  /** The question as built, JSON, with its concept ids written as references. */
  question: jsonText(),
  askedAt: instant,
  attempt: BackupQuizAttemptSchema.nullable(),
});

export const BackupQuizSchema = z.strictObject({
  seed: int(-2_147_483_648, 2_147_483_647),
  /** The scope as chosen, JSON, with its deck and concept ids written as references. */
  scope: jsonText(),
  modes: jsonStringList,
  length: count.nullable(),
  createdAt: instant,
  finishedAt: nullableInstant,
  questions: z.array(BackupQuizQuestionSchema),
});

export const BackupExtraNewCardsSchema = z.strictObject({
  studyDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)"),
  cards: count,
  clientId: text(200).min(1),
  createdAt: instant,
});

export const BackupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: instant,
  username: text(200),
  settings: BackupSettingsSchema,
  decks: z.array(BackupDeckSchema),
  enrolments: z.array(BackupEnrolmentSchema),
  overrides: z.array(BackupOverrideSchema),
  cards: z.array(BackupCardSchema),
  reviewLogs: z.array(BackupReviewLogSchema),
  quizzes: z.array(BackupQuizSchema),
  extraNewCards: z.array(BackupExtraNewCardsSchema),
});
export type Backup = z.output<typeof BackupSchema>;
/** What the file holds before parsing: dates as ISO strings. */
export type BackupFile = z.input<typeof BackupSchema>;
export type BackupSettings = z.output<typeof BackupSettingsSchema>;

/** `reviewLogs[1234].grade`: a zod issue's path as the file's reader would write it. */
export function backupPathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "the file";
}
