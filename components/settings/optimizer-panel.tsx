"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { describeFit } from "@/lib/srs/fit-summary";
import type { ActionResult } from "@/lib/types/actions";
import type { OptimizerStatusDTO } from "@/lib/types/optimizer";

type OptimizerAction = (input: Record<string, never>) => Promise<ActionResult<OptimizerStatusDTO>>;

const HINT = "text-sm text-stone-500 dark:text-stone-400";
const POLL_MS = 500;

const number = new Intl.NumberFormat("en");
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

/**
 * "Fit FSRS to my reviews": offered once there is enough history, with progress while the fit
 * runs (polled from /api/optimizer), then the current and fitted parameters compared on the
 * learner's own reviews, saved only on request; earlier parameters can be restored.
 */
export function OptimizerPanel({
  initial,
  start,
  save,
  discard,
  restore,
}: {
  initial: OptimizerStatusDTO;
  start: OptimizerAction;
  save: OptimizerAction;
  discard: OptimizerAction;
  restore: OptimizerAction;
}) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const running = status.job?.status === "running";

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const timer = setInterval(() => {
      void fetch("/api/optimizer", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<OptimizerStatusDTO>) : null))
        .then((next) => {
          if (next && !stopped) setStatus(next);
        })
        .catch(() => {});
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running]);

  const act = (action: OptimizerAction, done?: string) =>
    startTransition(async () => {
      const result = await action({});
      if (!result.ok) return setError(result.error);
      setError(null);
      setSaved(done ?? null);
      setStatus(result.data);
      if (done) router.refresh();
    });

  const { candidate } = status;
  const verdict = candidate ? describeFit(candidate.current, candidate.fitted) : null;
  const inUse = status.weights
    ? `Your own fitted parameters${status.fittedAt ? ` (since ${dateFormat.format(new Date(status.fittedAt))})` : ""}`
    : "FSRS's default parameters, which suit most people";

  return (
    <div className="space-y-3 border-t border-stone-200 pt-5 dark:border-stone-800" data-testid="optimizer-panel">
      <h3 className="font-medium">Fit FSRS to my reviews</h3>
      <p className={HINT}>
        FSRS predicts when you will forget a card from parameters describing an average memory. Fitting them to your own reviews
        can make its predictions, and so your schedule, match you better. In use now: {inUse}.
      </p>

      {!status.available ? (
        <Alert tone="info">The optimizer is not available on this server&rsquo;s platform. Everything else works as usual.</Alert>
      ) : status.reviews < status.needed ? (
        <p className="text-sm" data-testid="fit-not-yet">
          Fitting needs at least {number.format(status.needed)} reviews; you have {number.format(status.reviews)}.
        </p>
      ) : running ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="button"
            variant="secondary"
            pending={pending}
            pendingText="Starting…"
            onClick={() => act(start)}
            data-testid="start-fit"
          >
            {candidate ? "Fit again" : "Fit FSRS to my reviews"}
          </Button>
          <span className={HINT}>Uses your {number.format(status.reviews)} reviews; takes a few seconds.</span>
        </div>
      )}

      {status.job?.status === "running" ? (
        <div className="space-y-1.5" data-testid="fit-progress">
          <p className="text-sm">Fitting your reviews… {Math.round(status.job.progress * 100)}%</p>
          <div
            role="progressbar"
            aria-label="Fitting progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(status.job.progress * 100)}
            className="h-2 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
          >
            <div
              className="h-full bg-accent-600 transition-[width]"
              style={{ width: `${Math.round(status.job.progress * 100)}%` }}
            />
          </div>
          <p className={HINT}>You can keep studying meanwhile.</p>
        </div>
      ) : null}
      {status.job?.status === "failed" ? <Alert>{status.job.message}</Alert> : null}

      {candidate && verdict && !running ? (
        <div className="space-y-3 rounded-xl bg-stone-50 p-4 dark:bg-stone-950/40" data-testid="fit-result">
          <p className="font-medium" data-testid="fit-verdict">
            {verdict.summary}
          </p>
          <p className={HINT}>
            Tested on your own {number.format(candidate.reviews)} reviews, each part of your history predicted by parameters
            fitted only on what came before it, so the fit is not scored on what it learned from.
          </p>
          {candidate.current && candidate.fitted ? (
            <DataTable
              visible
              caption="Current and fitted parameters on your reviews (lower is better)"
              head={["", "Current", "Fitted"]}
              rows={[
                ["Log loss (lower is better)", candidate.current.logLoss.toFixed(4), candidate.fitted.logLoss.toFixed(4)],
                ["RMSE (lower is better)", candidate.current.rmse.toFixed(4), candidate.fitted.rmse.toFixed(4)],
              ]}
            />
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button
              type="button"
              pending={pending}
              onClick={() => act(save, "Fitted parameters saved: they apply from your next grade.")}
              data-testid="save-fit"
            >
              {verdict.recommended ? "Use the fitted parameters" : "Use them anyway"}
            </Button>
            <Button type="button" variant="ghost" disabled={pending} onClick={() => act(discard)} data-testid="discard-fit">
              Keep the current ones
            </Button>
          </div>
        </div>
      ) : null}

      {status.canRestore && !candidate ? (
        <Button
          type="button"
          variant="ghost"
          disabled={pending || running}
          onClick={() => act(restore, status.weights ? "Earlier parameters restored." : "Fitted parameters restored.")}
          data-testid="restore-weights"
        >
          {status.weights ? "Restore the earlier parameters" : "Bring back the fitted parameters"}
        </Button>
      ) : null}
      <div aria-live="polite">
        {error ? <Alert>{error}</Alert> : null}
        {saved ? <Alert tone="info">{saved}</Alert> : null}
      </div>
    </div>
  );
}
