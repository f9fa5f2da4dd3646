"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { DeckTargetFields, NEW_DECK } from "./deck-target-fields";
import type { ApkgErrorDTO, ApkgJobDTO } from "@/lib/types/apkg-import";
import { APKG_FILE_EXTENSIONS, APKG_MAX_BYTES } from "@/lib/validation/apkg-import-limits";

const ROUTE = "/api/import/apkg";
const POLL_MS = 400;
const TITLE_PAUSE_MS = 500;
const HINT = "text-sm text-stone-500 dark:text-stone-400";
const number = new Intl.NumberFormat("en");

type Step = { kind: "choose" } | { kind: "uploading"; fraction: number } | { kind: "job"; job: ApkgJobDTO };

const plural = (count: number, one: string, many = `${one}s`) => `${number.format(count)} ${count === 1 ? one : many}`;

/** The route's error answer, whatever its body (the start server answers some refusals in plain text). */
async function refusalOf(response: Response): Promise<ApkgErrorDTO> {
  const text = await response.text();
  try {
    return JSON.parse(text) as ApkgErrorDTO;
  } catch {
    return { error: text.trim() || `The server answered ${response.status}.` };
  }
}

async function errorOf(response: Response): Promise<string> {
  return (await refusalOf(response)).error;
}

/**
 * Imports an Anki package: upload (with its progress), the server reads it (progress), a summary
 * of what it holds and what it would do to the chosen deck, then the import (progress) and its
 * outcome. Nothing is written before Import is pressed.
 */
export function ApkgImport({ decks }: { decks: { id: string; title: string }[] }) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<string>(NEW_DECK);
  /** What the learner typed as the new deck's title; until then, the package's deck name. */
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const upload = useRef<XMLHttpRequest | null>(null);
  /** Answers to older requests are dropped: only the latest one's plan is shown. */
  const requestNumber = useRef(0);

  const job = step.kind === "job" ? step.job : null;
  const jobId = job?.jobId ?? null;
  const running = job !== null && ["waiting", "reading", "storing"].includes(job.status);
  const deckId = target === NEW_DECK ? null : target;

  /** The job, planned against `deck`, or a new deck titled `title` (null: the server's default, the package's deck name). */
  const fetchJob = useCallback(async (id: string, deck: string | null, title: string | null): Promise<ApkgJobDTO | null> => {
    const mine = ++requestNumber.current;
    const query = new URLSearchParams({ job: id });
    if (deck) query.set("deck", deck);
    else if (title?.trim()) query.set("title", title.trim());
    const response = await fetch(`${ROUTE}?${query.toString()}`, { cache: "no-store" });
    if (mine !== requestNumber.current) return null;
    if (!response.ok) {
      setError(await errorOf(response));
      return null;
    }
    const next = (await response.json()) as ApkgJobDTO;
    setStep({ kind: "job", job: next });
    return next;
  }, []);

  const newDeckTitle = typedTitle ?? job?.summary?.defaultDeckTitle ?? "";

  const unreachable = () => setError("The server could not be reached. Check your connection and try again.");

  // Follows the job while the server reads or writes it.
  useEffect(() => {
    if (!running || jobId === null) return;
    const timer = setTimeout(() => void fetchJob(jobId, deckId, typedTitle).catch(unreachable), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, jobId, deckId, typedTitle, job, fetchJob]);

  // A new deck's title decides whether an earlier import's deck is found again: planned anew
  // once typing pauses.
  const ready = job?.status === "ready";
  useEffect(() => {
    if (!ready || jobId === null || deckId !== null || typedTitle === null) return;
    const timer = setTimeout(() => void fetchJob(jobId, null, typedTitle).catch(unreachable), TITLE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [ready, jobId, deckId, typedTitle, fetchJob]);

  const reset = () => {
    setStep({ kind: "choose" });
    setFile(null);
    setError(null);
    setTarget(NEW_DECK);
    setTypedTitle(null);
    setTitleError(undefined);
  };

  const start = () => {
    setError(null);
    if (!file) return setError("Choose an Anki package first.");
    if (!APKG_FILE_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext)))
      return setError("Choose an Anki package: a .apkg or .colpkg file.");
    if (file.size > APKG_MAX_BYTES)
      return setError(`The file is larger than ${APKG_MAX_BYTES / (1024 * 1024)} MB, more than one import takes.`);
    if (file.size === 0) return setError("The file is empty: choose an Anki package.");
    const xhr = new XMLHttpRequest();
    upload.current = xhr;
    xhr.open("POST", `${ROUTE}?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) setStep({ kind: "uploading", fraction: event.loaded / event.total });
    };
    xhr.onload = () => {
      upload.current = null;
      let body: { jobId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = { error: xhr.responseText.trim() || `The server answered ${xhr.status}.` };
      }
      if (xhr.status !== 202 || !body.jobId) {
        setStep({ kind: "choose" });
        setError(body.error ?? `The server answered ${xhr.status}.`);
        return;
      }
      setStep({
        kind: "job",
        job: {
          jobId: body.jobId,
          fileName: file.name,
          status: "waiting",
          stage: "Reading the package…",
          progress: 0,
          errors: [],
          storeError: null,
          summary: null,
          plan: null,
          outcome: null,
        },
      });
    };
    xhr.onerror = () => {
      upload.current = null;
      setStep({ kind: "choose" });
      setError("The upload failed. Check your connection and try again.");
    };
    xhr.onabort = () => {
      upload.current = null;
      setStep({ kind: "choose" });
    };
    setStep({ kind: "uploading", fraction: 0 });
    xhr.send(file);
  };

  /** Stops the upload, or cancels the job on the server (it forgets it), and starts over. */
  const cancel = async () => {
    if (upload.current) return upload.current.abort();
    if (jobId) {
      requestNumber.current++;
      const response = await fetch(`${ROUTE}?job=${jobId}`, { method: "DELETE" });
      // A job already forgotten (404) is as good as cancelled.
      if (!response.ok && response.status !== 404) return setError(await errorOf(response));
      await response.text();
    }
    reset();
  };

  const choose = async (next: string) => {
    setTarget(next);
    setError(null);
    if (jobId && job?.status === "ready") {
      setBusy(true);
      try {
        await fetchJob(jobId, next === NEW_DECK ? null : next, typedTitle);
      } finally {
        setBusy(false);
      }
    }
  };

  const confirm = async () => {
    if (!jobId) return;
    setError(null);
    setTitleError(undefined);
    setBusy(true);
    try {
      const response = await fetch(`${ROUTE}/confirm`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(deckId ? { jobId, deckId } : { jobId, newDeckTitle }),
      });
      if (!response.ok) {
        const body = await refusalOf(response);
        const field = body.fieldErrors?.newDeckTitle?.[0];
        if (field) setTitleError(field);
        else setError(body.error);
        return;
      }
      // Read to its end: an answer left unread keeps its connection busy.
      await response.json();
      requestNumber.current++;
      setStep({ kind: "job", job: { ...job!, status: "storing", stage: "Importing…", progress: 0 } });
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  };

  const status = (() => {
    if (step.kind === "uploading") return `Uploading ${file?.name ?? "the package"}… ${Math.round(step.fraction * 100)}%`;
    if (!job) return "";
    if (job.status === "ready") return "The package has been read. Nothing is imported until you press Import.";
    if (job.status === "done") return "Imported.";
    if (job.status === "failed") return "The package could not be imported.";
    return job.stage;
  })();

  return (
    <div className="space-y-5" data-testid="apkg-import">
      <p aria-live="polite" className="sr-only">
        {status}
      </p>

      {step.kind === "choose" ? (
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <div className="space-y-1.5">
            <label htmlFor="apkg-file" className="block text-sm font-medium text-stone-700 dark:text-stone-300">
              Anki package
            </label>
            <input
              id="apkg-file"
              type="file"
              accept={APKG_FILE_EXTENSIONS.join(",")}
              aria-describedby="apkg-file-hint"
              className="block w-full min-w-0 text-sm text-stone-700 file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:text-stone-300 dark:file:bg-stone-800"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setError(null);
              }}
            />
            <p id="apkg-file-hint" className={HINT}>
              A deck exported from Anki (.apkg) or a whole collection (.colpkg), at most {APKG_MAX_BYTES / (1024 * 1024)} MB. Its
              notes become concepts and its review history comes along.
            </p>
          </div>
          {error ? <Alert>{error}</Alert> : null}
          <Button type="submit" disabled={!file} data-testid="apkg-upload">
            Read the package
          </Button>
        </form>
      ) : null}

      {step.kind === "uploading" ? (
        <div className="space-y-2" data-testid="apkg-uploading">
          <p className="text-sm">{status}</p>
          <ProgressBar label="Upload" value={step.fraction} />
          <Button type="button" variant="secondary" onClick={() => void cancel()}>
            Cancel
          </Button>
        </div>
      ) : null}

      {job && (job.status === "waiting" || job.status === "reading") ? (
        <div className="space-y-2" data-testid="apkg-reading">
          <p className="text-sm">{job.stage}</p>
          <ProgressBar label="Reading the package" value={job.progress} />
          <p className={HINT}>A large package takes up to a minute. Nothing is imported yet.</p>
          <Button type="button" variant="secondary" onClick={() => void cancel()}>
            Cancel
          </Button>
        </div>
      ) : null}

      {job?.status === "failed" ? (
        <div className="space-y-3" data-testid="apkg-failed">
          {job.errors.map((message) => (
            <Alert key={message}>{message}</Alert>
          ))}
          <p className={HINT}>Nothing was imported.</p>
          <Button type="button" variant="secondary" onClick={reset}>
            Choose another file
          </Button>
        </div>
      ) : null}

      {job?.summary && (job.status === "ready" || job.status === "storing") ? (
        <Summary
          job={job}
          decks={decks}
          target={target}
          onTarget={(next) => void choose(next)}
          newDeckTitle={newDeckTitle}
          onNewDeckTitle={setTypedTitle}
          titleError={titleError}
          error={error}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={() => void cancel()}
        />
      ) : null}

      {job?.status === "done" && job.outcome ? (
        <Card as="section" aria-labelledby="apkg-outcome" className="space-y-3 px-5 py-5 sm:px-6" data-testid="apkg-outcome">
          <h3 id="apkg-outcome" className="font-semibold">
            Imported
          </h3>
          <p>
            {plural(job.outcome.added, "concept")} added, {number.format(job.outcome.updated)} updated,{" "}
            {number.format(job.outcome.unchanged)} already there; {plural(job.outcome.reviews, "review")} brought onto{" "}
            {plural(job.outcome.cards, "card")}
            {job.outcome.deckIds.length > 1 ? `, in ${job.outcome.deckIds.length} decks` : ""}.
          </p>
          <div className="flex flex-wrap gap-3">
            <LinkButton href={`/decks/mine/${job.outcome.deckId}`} data-testid="apkg-open-deck">
              Open the deck
            </LinkButton>
            <Button type="button" variant="secondary" onClick={reset}>
              Import another package
            </Button>
          </div>
        </Card>
      ) : null}
    </div>
  );
}

function Summary({
  job,
  decks,
  target,
  onTarget,
  newDeckTitle,
  onNewDeckTitle,
  titleError,
  error,
  busy,
  onConfirm,
  onCancel,
}: {
  job: ApkgJobDTO;
  decks: { id: string; title: string }[];
  target: string;
  onTarget: (target: string) => void;
  newDeckTitle: string;
  onNewDeckTitle: (title: string) => void;
  titleError: string | undefined;
  error: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const summary = job.summary!;
  const plan = job.plan;
  const storing = job.status === "storing";
  const blocking = plan?.limitError ? [plan.limitError] : [];
  const newDeck = plan?.deckId === null;
  return (
    <div className="space-y-5" data-testid="apkg-summary">
      <Card as="section" aria-labelledby="apkg-found" className="space-y-3 px-5 py-5 sm:px-6">
        <h3 id="apkg-found" className="font-semibold break-words">
          {summary.deckName ?? job.fileName}
        </h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[
            ["Concepts", summary.concepts],
            ["Cards studied", summary.cardsWithHistory],
            ["Reviews", summary.reviews],
            ["Notes skipped", summary.skippedCount],
          ].map(([label, value]) => (
            <div key={label} className="rounded-xl bg-stone-50 px-3 py-2 dark:bg-stone-950/40">
              <dt className={HINT}>{label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{number.format(Number(value))}</dd>
            </div>
          ))}
        </dl>
        {summary.warnings.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-stone-600 dark:text-stone-400" data-testid="apkg-warnings">
            {summary.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
        {summary.skipped.length > 0 ? (
          <details className="rounded-xl border border-stone-200 px-4 py-3 dark:border-stone-800">
            <summary className="cursor-pointer text-sm font-medium">
              Notes left out ({number.format(summary.skippedCount)})
            </summary>
            <ul className="mt-3 space-y-2 text-sm" data-testid="apkg-skipped">
              {summary.skipped.map((item, index) => (
                <li key={index} className="break-words">
                  <span className="font-medium">{item.noteId ? `Note ${item.noteId}` : "Note"}:</span> {item.reason}
                  <span className="block text-stone-500 dark:text-stone-400">{item.text.slice(0, 200)}</span>
                </li>
              ))}
            </ul>
            {summary.skippedCount > summary.skipped.length ? (
              <p className={`mt-2 ${HINT}`}>And {number.format(summary.skippedCount - summary.skipped.length)} more.</p>
            ) : null}
          </details>
        ) : null}
        {summary.sample.length > 0 ? (
          <details className="rounded-xl border border-stone-200 px-4 py-3 dark:border-stone-800">
            <summary className="cursor-pointer text-sm font-medium">
              {summary.sample.length < summary.concepts ? `The first ${summary.sample.length} concepts` : "The concepts"}
            </summary>
            <ul className="mt-3 divide-y divide-stone-200 text-sm dark:divide-stone-800" data-testid="apkg-sample">
              {summary.sample.map((concept, index) => (
                <li key={index} className="py-2 break-words">
                  <span className="font-medium">{concept.term}</span>
                  <span className="block text-stone-600 dark:text-stone-400">{concept.definition.slice(0, 300)}</span>
                  {concept.tags.length > 0 ? <span className={`block ${HINT}`}>Tags: {concept.tags.join(", ")}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>

      <Card as="section" aria-labelledby="apkg-target" className="space-y-4 px-5 py-5 sm:px-6">
        <h3 id="apkg-target" className="font-semibold">
          Import into
        </h3>
        <DeckTargetFields
          namePrefix="apkg"
          decks={decks}
          target={target}
          onTarget={onTarget}
          newDeckTitle={newDeckTitle}
          onNewDeckTitle={onNewDeckTitle}
          titleError={titleError ?? (job.storeError?.onTitle ? job.storeError.message : undefined)}
          disabled={storing}
          matchNote={
            <>
              Notes are matched with the deck&rsquo;s concepts: a concept already there gets the package&rsquo;s text, and reviews
              already brought in are not brought again.
            </>
          }
        />
        {plan ? (
          <ul className="space-y-1 text-sm" data-testid="apkg-plan" aria-busy={busy || undefined}>
            <li>
              <span className="font-medium">{plural(plan.added, "concept")}</span> will be added
            </li>
            <li>
              <span className="font-medium">{plural(plan.updated, "concept")}</span> will be updated
            </li>
            <li>
              <span className="font-medium">{plural(plan.unchanged, "concept")}</span> already there, left alone
            </li>
            <li>
              <span className="font-medium">{plural(plan.reviewsToAdd, "review")}</span> will be brought
              {plan.cardsKept > 0 ? `; ${plural(plan.cardsKept, "card")} already studied here keep their schedule` : ""}
            </li>
          </ul>
        ) : null}
        {plan && newDeck && plan.decks.length > 1 ? (
          <p className={HINT} data-testid="apkg-split">
            A deck holds at most {number.format(Math.max(...plan.decks.map((deck) => deck.concepts)))} concepts, so the package
            becomes {plan.decks.length} decks: {plan.decks.map((deck) => deck.title).join(", ")}.
          </p>
        ) : null}
        {plan && newDeck && plan.decks.length === 1 && plan.decks[0].deckId !== null ? (
          <p className={HINT} data-testid="apkg-existing-deck">
            You have a deck titled &ldquo;{plan.decks[0].title}&rdquo; already: the package is matched with it.
          </p>
        ) : null}
        {plan && plan.skipped.length > 0 ? (
          <details className="rounded-xl border border-stone-200 px-4 py-3 dark:border-stone-800">
            <summary className="cursor-pointer text-sm font-medium">
              {plural(plan.skipped.length, "more note")} cannot be imported
            </summary>
            <ul className="mt-3 space-y-2 text-sm" data-testid="apkg-plan-skipped">
              {plan.skipped.slice(0, 200).map((note) => (
                <li key={note.noteId} className="break-words">
                  <span className="font-medium">{note.term || `Note ${note.noteId}`}:</span> {note.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>

      {blocking.map((message) => (
        <Alert key={message}>{message}</Alert>
      ))}
      {job.storeError && !job.storeError.onTitle ? <Alert>{job.storeError.message}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}

      {storing ? (
        <div className="space-y-2" data-testid="apkg-storing">
          <p className="text-sm">{job.stage}</p>
          <ProgressBar label="Importing" value={job.progress} />
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Button
            type="button"
            pending={busy}
            pendingText="Checking…"
            disabled={blocking.length > 0 || plan === null}
            onClick={onConfirm}
            data-testid="apkg-confirm"
          >
            Import {plural(summary.concepts, "concept")}
          </Button>
          <Button type="button" variant="secondary" disabled={busy} onClick={onCancel}>
            Choose another file
          </Button>
        </div>
      )}
    </div>
  );
}
