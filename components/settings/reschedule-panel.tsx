"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { plural, WORDS } from "@/lib/format";
import type { ActionResult } from "@/lib/types/actions";
import type { RescheduleDTO, RescheduleResultDTO } from "@/lib/types/scheduling";

const HINT = "text-sm text-stone-500 dark:text-stone-400";

/**
 * "Reschedule my cards now", and the undo of the latest reschedule. Both refresh the page from the
 * server afterwards (the undo offer comes from the review log, not from this component's memory).
 */
export function ReschedulePanel({
  latest,
  reschedule,
  undo,
}: {
  latest: RescheduleDTO | null;
  reschedule: (input: Record<string, never>) => Promise<ActionResult<RescheduleResultDTO>>;
  undo: (input: { batchId: string }) => Promise<ActionResult<{ restored: number }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);

  const run = () =>
    startTransition(async () => {
      const result = await reschedule({});
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      const { changed, checked } = result.data;
      setMessage({
        tone: "info",
        text:
          changed === 0
            ? `All ${plural(checked, WORDS.card)} already match your settings: nothing changed.`
            : `${plural(changed, WORDS.card)} of ${checked} rescheduled. Each card's history shows it.`,
      });
      router.refresh();
    });
  const runUndo = (batchId: string) =>
    startTransition(async () => {
      const result = await undo({ batchId });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({ tone: "info", text: `Reschedule undone: ${plural(result.data.restored, WORDS.card)} back as they were.` });
      router.refresh();
    });

  return (
    <div className="space-y-3 border-t border-stone-200 pt-5 dark:border-stone-800" data-testid="reschedule-panel">
      <h3 className="font-medium">Reschedule my cards now</h3>
      <p className={HINT}>
        Recomputes every card&rsquo;s due date from its review history with the settings saved above, in one step you can undo.
      </p>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" pending={pending} pendingText="Working…" onClick={run} data-testid="reschedule">
          Reschedule my cards now
        </Button>
        {latest ? (
          <Button
            type="button"
            variant="ghost"
            disabled={pending}
            onClick={() => runUndo(latest.batchId)}
            data-testid="undo-reschedule"
          >
            Undo the last reschedule ({plural(latest.cards, WORDS.card)})
          </Button>
        ) : null}
      </div>
      <div aria-live="polite" data-testid="reschedule-status">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    </div>
  );
}
