"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { navItemClass } from "@/components/ui/classes";
import { PREVIEWS_AHEAD, type Grade } from "@/lib/srs/grades";
import type { ActionResult } from "@/lib/types/actions";
import type { CardUpdateDTO, ReviewQueueDTO } from "@/lib/types/review";
import type { GradeInputSchema, UndoInputSchema } from "@/lib/validation/review";
import { HeldBackNotice } from "@/components/study/held-back-notice";
import type { ExtraNewCardsAction } from "@/components/study/more-new-cards-button";
import { GradeButtons } from "./grade-buttons";
import { Flashcard } from "./flashcard";
import { SessionSummary } from "./session-summary";
import { initialSessionState, remainingCounts, sessionReducer } from "./session-state";

// The requests are typed by the server's schemas (types only: zod itself never reaches the
// browser), so a request that no longer matches the schema does not compile.
export type GradeRequest = z.input<typeof GradeInputSchema>;
export type UndoRequest = z.input<typeof UndoInputSchema>;

type CardAction<I> = (input: I) => Promise<ActionResult<CardUpdateDTO>>;

const TICK_MS = 10_000;
const RETRIES = 2;

function newClientId(): string {
  return crypto.randomUUID();
}

/** Retries a request that failed in transit; the server's clientId check makes a repeat harmless. */
async function withRetry<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
  }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The review loop. Grades apply on screen at once (the next card appears without waiting) and are
 * sent to the server one at a time, in order; a refused grade puts its card back with a message.
 */
export function ReviewSession({
  initial,
  loadedAt,
  gradeAction,
  undoAction,
  moreNewCardsAction,
  wordingSeenAction,
  revertWordingAction,
  homeLink,
  summaryLink,
}: {
  initial: ReviewQueueDTO;
  /** The server's time when it built the queue: learning cards come back by the server's clock. */
  loadedAt: string;
  gradeAction: CardAction<GradeRequest>;
  undoAction: CardAction<UndoRequest>;
  moreNewCardsAction: ExtraNewCardsAction;
  /** Records that the "original wording changed" notice of a reworded card was shown. */
  wordingSeenAction?: (input: { conceptId: string }) => Promise<ActionResult<void>>;
  /** Deletes the user's wording of a built-in concept (the card shows the original at once). */
  revertWordingAction?: (input: { conceptId: string }) => Promise<ActionResult<void>>;
  /**
   * The links home (the bar's and the summary's), drawn by the server page: importing next/link
   * here would put another copy of it in the review page's first load.
   */
  homeLink: ReactNode;
  summaryLink: ReactNode;
}) {
  const router = useRouter();
  const onOriginalChangeSeen = useCallback(
    (conceptId: string) => {
      // The notice is shown once: a failure to record it only means it shows again next time.
      void wordingSeenAction?.({ conceptId }).catch(() => undefined);
    },
    [wordingSeenAction],
  );
  // How far the server's clock is ahead of this device's: due times are the server's, so "now"
  // here is the device's time moved by that much (a wrong device clock does not hold cards back).
  const [skewAtLoad] = useState(() => Date.parse(loadedAt) - Date.now());
  const skew = useRef(skewAtLoad);
  const clock = useCallback(() => Date.now() + skew.current, []);
  const [state, dispatch] = useReducer(sessionReducer, undefined, () =>
    initialSessionState(initial.cards, initial.learningLater, initial.dayEnd, Date.now() + skewAtLoad),
  );
  const onRevertWording = useMemo(
    () =>
      revertWordingAction
        ? (conceptId: string) => {
            void revertWordingAction({ conceptId }).then(
              (result) =>
                dispatch(result.ok ? { type: "wordingReverted", conceptId } : { type: "notice", message: result.error }),
              () =>
                dispatch({ type: "notice", message: "The original wording could not be restored: the server did not answer." }),
            );
          }
        : undefined,
    [revertWordingAction],
  );
  // Server calls run one after another, so an undo never overtakes the grade it undoes.
  const outbox = useRef<Promise<unknown>>(Promise.resolve());
  // The newest card version the server told us about; a grade is sent for that version.
  const versions = useRef(new Map<string, number>());
  const staleNotice = useRef<string | null>(null);
  const firstLoad = useRef(loadedAt);

  useEffect(() => {
    if (loadedAt === firstLoad.current) return;
    firstLoad.current = loadedAt;
    skew.current = Date.parse(loadedAt) - Date.now();
    versions.current.clear();
    dispatch({
      type: "reload",
      queue: initial.cards,
      later: initial.learningLater,
      dayEnd: initial.dayEnd,
      now: clock(),
      notice: staleNotice.current,
    });
    staleNotice.current = null;
  }, [loadedAt, initial, clock]);

  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: "tick", now: clock() }), TICK_MS);
    return () => clearInterval(timer);
  }, [clock]);

  const current = state.queue[0] ?? null;

  // Focuses the reveal button each time it appears (a stable callback ref runs once per mount),
  // so Space and Enter work on it straight away.
  const focusOnMount = useCallback((button: HTMLButtonElement | null) => button?.focus(), []);

  const send = useCallback((task: () => Promise<void>) => {
    outbox.current = outbox.current.then(task);
  }, []);

  const reloadQueue = useCallback(
    (message: string) => {
      staleNotice.current = message;
      router.refresh();
    },
    [router],
  );

  const grade = useCallback(
    (value: Grade) => {
      if (!current || !state.revealed) return;
      const now = clock();
      const entry = { clientId: newClientId(), card: current, grade: value, durationMs: Math.max(0, now - state.shownAt) };
      // The next cards without grade previews: the answer to this grade brings theirs.
      const previewFor = state.queue
        .slice(1, 1 + PREVIEWS_AHEAD)
        .filter((card) => card.previews.length === 0)
        .map((card) => card.id);
      dispatch({ type: "graded", entry, now });
      send(async () => {
        const request: GradeRequest = {
          cardId: entry.card.id,
          grade: value,
          clientId: entry.clientId,
          expectedVersion: versions.current.get(entry.card.id) ?? entry.card.version,
          durationMs: entry.durationMs,
          ...(previewFor.length > 0 ? { previewFor } : {}),
        };
        try {
          const result = await withRetry(() => gradeAction(request));
          if (result.ok) {
            versions.current.set(result.data.cardId, result.data.version);
            if (result.data.upcoming?.length) dispatch({ type: "previewsLoaded", previews: result.data.upcoming });
            dispatch({ type: "gradeSaved", clientId: entry.clientId, update: result.data, now: clock() });
          } else if (result.code === "STALE") {
            reloadQueue(result.error);
          } else {
            dispatch({ type: "gradeFailed", clientId: entry.clientId, message: result.error, now: clock() });
          }
        } catch {
          dispatch({
            type: "gradeFailed",
            clientId: entry.clientId,
            message: "Your grade could not be saved (the server did not answer). The card is back; please grade it again.",
            now: clock(),
          });
        }
      });
    },
    [current, state.revealed, state.shownAt, state.queue, send, gradeAction, reloadQueue, clock],
  );

  const undo = useCallback(() => {
    const entry = state.history.at(-1);
    if (!entry) return;
    dispatch({ type: "undo", now: clock() });
    send(async () => {
      try {
        const result = await withRetry(() => undoAction({ clientId: entry.clientId }));
        if (result.ok) {
          versions.current.set(result.data.cardId, result.data.version);
          dispatch({ type: "undoSaved", update: result.data });
        } else {
          reloadQueue(`Undo failed: ${result.error}`);
        }
      } catch {
        reloadQueue("Undo could not reach the server; your queue has been reloaded.");
      }
    });
  }, [state.history, send, undoAction, reloadQueue, clock]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      // A focused button or link already answers Space/Enter itself.
      const onControl = event.target instanceof HTMLElement && event.target.closest("button, a");
      if ((key === " " || key === "enter") && !state.revealed && !onControl) {
        event.preventDefault();
        dispatch({ type: "reveal" });
      } else if (["1", "2", "3", "4"].includes(key) && state.revealed) {
        event.preventDefault();
        grade(Number(key) as Grade);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [state.revealed, grade, undo]);

  const left = remainingCounts(state);
  const nextLater = state.later[0];
  // With no card left, shownAt is when the summary appeared (the last grade, or the load), so the
  // render reads no clock.
  const nextLearningInMs = nextLater ? Math.max(0, nextLater.scheduling.due.getTime() - state.shownAt) : null;

  return (
    <div className="mx-auto flex min-h-dvh max-w-2xl flex-col px-4 pt-4 sm:px-5 sm:pt-6">
      <div className="flex items-center justify-between gap-3 text-sm">
        {homeLink}
        <p
          data-testid="cards-left"
          data-now={state.queue.length}
          data-total={left.total}
          className="text-center text-xs whitespace-nowrap tabular-nums text-stone-600 sm:text-sm dark:text-stone-400"
          aria-live="polite"
        >
          <span className="sr-only">Left in this session: </span>
          <span className="font-semibold text-sky-700 dark:text-sky-300">{left.new}</span> new ·{" "}
          <span className="font-semibold text-red-700 dark:text-red-300">{left.learning}</span> learning ·{" "}
          <span className="font-semibold text-green-700 dark:text-green-300">{left.review}</span> review
        </p>
        <button
          type="button"
          onClick={undo}
          disabled={state.history.length === 0}
          aria-keyshortcuts="Z Control+Z Meta+Z"
          className={navItemClass("sm", "disabled:opacity-40 disabled:hover:bg-transparent")}
        >
          Undo
        </button>
      </div>
      <div className="mt-3 h-1 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800" aria-hidden>
        <div
          data-testid="session-progress"
          className="h-full rounded-full bg-accent-500 transition-[width] duration-300"
          style={{ width: `${Math.round(state.progress * 100)}%` }}
        />
      </div>
      {initial.deck ? (
        <p className="mt-3 text-center text-sm text-stone-600 dark:text-stone-400" data-testid="review-deck-name">
          Only <span className="font-medium text-stone-800 dark:text-stone-200">{initial.deck.title}</span> ·{" "}
          <a href="/review" className="font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400">
            all decks
          </a>
        </p>
      ) : null}

      {state.notice ? (
        <div className="mt-4">
          <Alert>{state.notice}</Alert>
        </div>
      ) : null}

      {current ? (
        <>
          <div className="mt-4 flex flex-1 flex-col">
            <Flashcard
              key={`${current.id}:${state.done}`}
              card={current}
              revealed={state.revealed}
              onOriginalChangeSeen={onOriginalChangeSeen}
              onRevertWording={onRevertWording}
            />
          </div>
          {/* The buttons sit in one place, pinned to the bottom edge: revealing never moves them. */}
          <div className="sticky bottom-0 -mx-4 mt-4 bg-gradient-to-t from-stone-50 from-70% to-transparent px-4 pt-4 pb-[max(1rem,env(safe-area-inset-bottom))] sm:-mx-5 sm:px-5 dark:from-stone-950">
            <div className="h-16">
              {state.revealed ? (
                <GradeButtons previews={current.previews} onGrade={grade} />
              ) : (
                <button
                  type="button"
                  ref={focusOnMount}
                  data-testid="reveal"
                  onClick={() => dispatch({ type: "reveal" })}
                  className="h-16 w-full rounded-xl bg-accent-600 text-base font-semibold text-white hover:bg-accent-700 dark:bg-accent-400 dark:text-stone-950 dark:hover:bg-accent-300"
                >
                  Show answer
                </button>
              )}
            </div>
            <p className="mt-3 hidden text-center text-xs text-stone-500 sm:block dark:text-stone-400">
              <kbd className="font-sans">Space</kbd> show answer · <kbd className="font-sans">1</kbd>–
              <kbd className="font-sans">4</kbd> grade · <kbd className="font-sans">Z</kbd> undo
            </p>
          </div>
        </>
      ) : (
        <div className="mt-4 pb-8">
          <SessionSummary
            done={state.done}
            again={state.again}
            totalMs={state.totalMs}
            laterCount={state.later.length}
            nextLearningInMs={nextLearningInMs}
            heldBack={initial.heldBack !== null}
          >
            {initial.heldBack ? (
              <HeldBackNotice
                heldBack={initial.heldBack}
                now={new Date(state.shownAt)}
                timeZone={initial.timeZone}
                oneDeck={initial.deck !== null}
                action={moreNewCardsAction}
              />
            ) : null}
            {summaryLink}
          </SessionSummary>
        </div>
      )}
    </div>
  );
}
