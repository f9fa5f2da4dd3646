"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/classes";
import type { ActionResult } from "@/lib/types/actions";
import type { ExtraNewCardsInput } from "@/lib/validation/study";

export type ExtraNewCardsAction = (input: ExtraNewCardsInput) => Promise<ActionResult<{ extraToday: number }>>;

/**
 * "Study N more new cards today": one press raises today's limit, then the page is shown again from
 * the server with the new cards. The offer carries its own id, so a double press or a retried
 * request adds the cards once; a new id is drawn for the next offer once the press has landed.
 */
export function MoreNewCardsButton({ cards, action }: { cards: number; action: ExtraNewCardsAction }) {
  const router = useRouter();
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-center gap-1 sm:items-start">
      <button
        type="button"
        className={buttonClass("primary", "md", "w-full sm:w-auto")}
        disabled={pending}
        data-testid="more-new-cards"
        onClick={() =>
          startTransition(async () => {
            const result = await action({ clientId, cards });
            if (result.ok) {
              setError(null);
              setClientId(crypto.randomUUID());
              router.refresh();
            } else setError(result.error);
          })
        }
      >
        {pending ? "Adding…" : `Study ${cards} more new ${cards === 1 ? "card" : "cards"} today`}
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
