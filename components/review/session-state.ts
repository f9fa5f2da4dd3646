import { CardState, isLearning } from "@/lib/srs/card-state";
import type { Grade } from "@/lib/srs/grades";
import type { CardPreviewsDTO, CardUpdateDTO, ReviewCardDTO } from "@/lib/types/review";

/** Learning cards due within this much are shown early when nothing else is left (Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60 * 1000;

export interface GradedEntry {
  clientId: string;
  /** The card as it was shown, before the grade: undo puts this back. */
  card: ReviewCardDTO;
  grade: Grade;
  durationMs: number;
}

export interface SessionState {
  /** Cards to show; the first is the current card. */
  queue: ReviewCardDTO[];
  /** Learning cards due later this study day, earliest first. */
  later: ReviewCardDTO[];
  dayEnd: Date;
  revealed: boolean;
  /** When the current card appeared (ms since epoch), for the time per card. */
  shownAt: number;
  history: GradedEntry[];
  done: number;
  again: number;
  totalMs: number;
  notice: string | null;
  /**
   * The share of the session done, 0 to 1, as the bar shows it: the highest it has been since the
   * queue was (re)loaded. A learning card coming back adds work, but the bar holds rather than
   * moving backwards; the counts beside it say what is left.
   */
  progress: number;
}

/** What is left of the session, by kind, as Anki counts it: new, learning (later today included) and review cards. */
export interface RemainingCounts {
  new: number;
  learning: number;
  review: number;
  total: number;
}

export function remainingCounts(state: Pick<SessionState, "queue" | "later">): RemainingCounts {
  const counts = { new: 0, learning: 0, review: 0, total: 0 };
  for (const card of [...state.queue, ...state.later]) {
    if (card.scheduling.state === CardState.New) counts.new++;
    else if (isLearning(card.scheduling.state)) counts.learning++;
    else counts.review++;
    counts.total++;
  }
  return counts;
}

/** The share done from the counts alone (0 for a session that never had a card). */
function shareDone(state: Pick<SessionState, "queue" | "later" | "done">): number {
  const left = state.queue.length + state.later.length;
  return state.done + left === 0 ? 0 : state.done / (state.done + left);
}

/** The state with its bar moved forward to what the counts now say, never back. */
function withProgress(state: SessionState): SessionState {
  const progress = Math.max(state.progress, shareDone(state));
  return progress === state.progress ? state : { ...state, progress };
}

export type SessionAction =
  | { type: "reveal" }
  | { type: "graded"; entry: GradedEntry; now: number }
  | { type: "undo"; now: number }
  | { type: "tick"; now: number }
  | { type: "gradeSaved"; clientId: string; update: CardUpdateDTO; now: number }
  | { type: "undoSaved"; update: CardUpdateDTO }
  | { type: "previewsLoaded"; previews: CardPreviewsDTO[] }
  | { type: "gradeFailed"; clientId: string; message: string; now: number }
  | { type: "reload"; queue: ReviewCardDTO[]; later: ReviewCardDTO[]; dayEnd: Date; now: number; notice: string | null }
  | { type: "notice"; message: string | null }
  | { type: "wordingReverted"; conceptId: string };

export function initialSessionState(queue: ReviewCardDTO[], later: ReviewCardDTO[], dayEnd: Date, now: number): SessionState {
  return promoteDue(
    {
      queue,
      later: sortByDue(later),
      dayEnd,
      revealed: false,
      shownAt: now,
      history: [],
      done: 0,
      again: 0,
      totalMs: 0,
      notice: null,
      progress: 0,
    },
    now,
    0,
  );
}

function sortByDue(cards: ReviewCardDTO[]): ReviewCardDTO[] {
  return [...cards].sort((a, b) => a.scheduling.due.getTime() - b.scheduling.due.getTime());
}

/**
 * Moves learning cards whose time has come into the queue at `position` (0 when no card is on
 * screen, 1 to keep the card being looked at), and when nothing else is left, brings the next
 * learning card forward if it is due within the learn-ahead window.
 */
function promoteDue(state: SessionState, now: number, position: number): SessionState {
  const due = state.later.filter((card) => card.scheduling.due.getTime() <= now);
  let later = state.later.filter((card) => card.scheduling.due.getTime() > now);
  let queue = due.length > 0 ? [...state.queue.slice(0, position), ...due, ...state.queue.slice(position)] : state.queue;
  if (queue.length === 0 && later.length > 0 && later[0].scheduling.due.getTime() - now <= LEARN_AHEAD_MS) {
    queue = [later[0]];
    later = later.slice(1);
  }
  if (queue === state.queue && later.length === state.later.length) return state;
  return { ...state, queue, later };
}

function withoutCard(cards: ReviewCardDTO[], cardId: string): ReviewCardDTO[] {
  return cards.filter((card) => card.id !== cardId);
}

function applyUpdate(card: ReviewCardDTO, update: CardUpdateDTO): ReviewCardDTO {
  return card.id === update.cardId
    ? { ...card, version: update.version, scheduling: update.scheduling, previews: update.previews }
    : card;
}

/** Takes a grade back (undone, or refused by the server): its card returns to the front, unrevealed. */
function withdraw(state: SessionState, entry: GradedEntry, now: number, notice: string | null): SessionState {
  return {
    ...state,
    queue: [entry.card, ...withoutCard(state.queue, entry.card.id)],
    later: withoutCard(state.later, entry.card.id),
    revealed: false,
    shownAt: now,
    history: state.history.filter((e) => e !== entry),
    done: state.done - 1,
    again: state.again - (entry.grade === 1 ? 1 : 0),
    totalMs: state.totalMs - entry.durationMs,
    notice,
  };
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  const next = reduce(state, action);
  // A new queue starts the bar from what it holds (more new cards today can add work).
  if (action.type === "reload") return { ...next, progress: shareDone(next) };
  return withProgress(next);
}

function reduce(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case "reveal":
      return state.queue.length > 0 ? { ...state, revealed: true } : state;

    case "graded": {
      const { entry, now } = action;
      return promoteDue(
        {
          ...state,
          queue: state.queue.slice(1),
          revealed: false,
          shownAt: now,
          history: [...state.history, entry],
          done: state.done + 1,
          again: state.again + (entry.grade === 1 ? 1 : 0),
          totalMs: state.totalMs + entry.durationMs,
          notice: null,
        },
        now,
        0,
      );
    }

    case "undo": {
      const entry = state.history.at(-1);
      return entry ? withdraw(state, entry, action.now, null) : state;
    }

    case "tick":
      return promoteDue(state, action.now, state.queue.length > 0 ? 1 : 0);

    case "gradeSaved": {
      const { update, now } = action;
      // Matched by clientId: a grade undone (or failed) in the meantime has left the history, and
      // its late answer must not bring the card back.
      const entry = state.history.find((e) => e.clientId === action.clientId && e.card.id === update.cardId);
      if (!entry || state.queue.some((card) => card.id === update.cardId) || state.later.some((c) => c.id === update.cardId)) {
        return state;
      }
      const stillLearning = isLearning(update.scheduling.state) && update.scheduling.due < state.dayEnd;
      // A card this grade made a leech and suspended does not come back today.
      if (!stillLearning || update.suspended) return state;
      const later = sortByDue([...state.later, applyUpdate(entry.card, update)]);
      return promoteDue({ ...state, later }, now, state.queue.length > 0 ? 1 : 0);
    }

    case "previewsLoaded": {
      const byId = new Map(action.previews.map((p) => [p.cardId, p.previews]));
      const withPreviews = (card: ReviewCardDTO) =>
        card.previews.length === 0 && byId.has(card.id) ? { ...card, previews: byId.get(card.id)! } : card;
      return {
        ...state,
        queue: state.queue.map(withPreviews),
        later: state.later.map(withPreviews),
        history: state.history.map((e) => ({ ...e, card: withPreviews(e.card) })),
      };
    }

    case "undoSaved":
      return {
        ...state,
        queue: state.queue.map((card) => applyUpdate(card, action.update)),
        history: state.history.map((e) => ({ ...e, card: applyUpdate(e.card, action.update) })),
      };

    case "gradeFailed": {
      const entry = state.history.find((e) => e.clientId === action.clientId);
      return entry ? withdraw(state, entry, action.now, action.message) : { ...state, notice: action.message };
    }

    case "reload":
      return promoteDue(
        {
          ...state,
          queue: action.queue,
          later: sortByDue(action.later),
          dayEnd: action.dayEnd,
          revealed: false,
          shownAt: action.now,
          history: [],
          notice: action.notice,
        },
        action.now,
        0,
      );

    case "notice":
      return { ...state, notice: action.message };

    case "wordingReverted": {
      const revert = (card: ReviewCardDTO) => withOriginalWording(card, action.conceptId);
      return {
        ...state,
        queue: state.queue.map(revert),
        later: state.later.map(revert),
        history: state.history.map((e) => ({ ...e, card: revert(e.card) })),
      };
    }
  }
}

/** The card with the original text of its concept instead of the user's wording (after a revert). */
export function withOriginalWording(card: ReviewCardDTO, conceptId: string): ReviewCardDTO {
  const wording = card.wording;
  if (wording?.conceptId !== conceptId) return card;
  return {
    ...card,
    definition: wording.originalDefinition,
    definitionHtml: wording.originalDefinitionHtml,
    examplesHtml: wording.examplesReworded ? wording.originalExamplesHtml : card.examplesHtml,
    aliases: wording.aliasesReworded ? wording.originalAliases : card.aliases,
    wording: null,
  };
}
