"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RestoreResultDTO, RestoreSummaryDTO } from "@/lib/types/backup";
import { BACKUP_MAX_BYTES } from "@/lib/validation/backup-limits";

export const RESTORE_PATH = "/api/restore";

const MAX_MB = BACKUP_MAX_BYTES / (1024 * 1024);

const plural = (n: number, word: string, words = `${word}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? word : words}`;

/**
 * Uploads a backup file to the restore route as the request body: a file up to 100 MB is more than
 * a server action takes, and the route streams it in with its own limit. The answer is the
 * route's JSON: what came back, or what is wrong with the file. `restorable` is whether the account
 * is still empty; after a restore the page refreshes and it is not, but the confirmation stays.
 */
export function RestoreForm({ restorable }: { restorable: boolean }) {
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [restored, setRestored] = useState<RestoreSummaryDTO | null>(null);

  const submit = async () => {
    if (!file) {
      setError("Choose a backup file first.");
      return;
    }
    if (file.size > BACKUP_MAX_BYTES) {
      setError(`That file is larger than ${MAX_MB} MB, more than a backup may be.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch(RESTORE_PATH, {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/octet-stream" },
      });
      const result = (await response.json().catch(() => null)) as RestoreResultDTO | null;
      if (result?.ok) {
        setRestored(result.summary);
        router.refresh();
      } else {
        setError(result?.error ?? `The server refused the file (${response.status}). Nothing was restored.`);
      }
    } catch {
      setError("The file could not be sent: check the connection and try again. Nothing was restored.");
    } finally {
      setPending(false);
    }
  };

  if (restored) {
    const parts = [
      `${plural(restored.decks, "deck")} of your own with ${plural(restored.concepts, "concept")}`,
      plural(restored.cards, "card"),
      plural(restored.reviews, "review"),
    ].join(", ");
    return (
      <div className="mt-4" data-testid="restore-done">
        <Alert tone="info">{`Restored ${parts} and ${plural(restored.quizzes, "quiz", "quizzes")}.`}</Alert>
      </div>
    );
  }

  if (!restorable) {
    return (
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400" data-testid="restore-unavailable">
        A backup can only be restored into an account that has no study data yet (no decks of your own, no reviews, no quizzes),
        so that nothing of either is mixed up. To restore one, sign up for a new account and restore it there.
      </p>
    );
  }

  const fieldId = `${id}-file`;
  return (
    <>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Brings a backup into this account, which has no study data yet. The whole file is checked first: if anything in it is
        wrong, you are told what and where, and nothing is saved.
      </p>
      <form
        className="mt-4 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor={fieldId} className="block text-sm font-medium text-stone-700 dark:text-stone-300">
            Backup file
          </label>
          <input
            id={fieldId}
            name="backup"
            type="file"
            accept=".gz,.json,application/gzip,application/json"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`}
            data-testid="restore-file"
            className="block w-full text-sm text-stone-700 file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:text-stone-300 dark:file:bg-stone-800"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(null);
            }}
          />
          {error ? (
            <p
              id={`${fieldId}-error`}
              role="alert"
              className="text-sm text-red-600 dark:text-red-400"
              data-testid="restore-error"
            >
              {error}
            </p>
          ) : (
            <p id={`${fieldId}-hint`} className="text-sm text-stone-500 dark:text-stone-400">
              A file Mesa’s backup download made (.json.gz or .json); at most {MAX_MB} MB.
            </p>
          )}
        </div>
        <Button type="submit" pending={pending} pendingText="Restoring…" data-testid="restore-submit">
          Restore this backup
        </Button>
      </form>
    </>
  );
}
