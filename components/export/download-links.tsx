import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/classes";

/*
 * Plain links to the export routes: the browser downloads the file the route answers. Not
 * next/link, which would prefetch a route that builds the whole file.
 */

export const EXPORT_PATHS = {
  deckMarkdown: (deckId: string) => `/api/export/decks/${encodeURIComponent(deckId)}/markdown`,
  deckApkg: (deckId: string) => `/api/export/decks/${encodeURIComponent(deckId)}/apkg`,
  cards: "/api/export/cards",
  reviewLog: "/api/export/review-log",
  backup: "/api/export/backup",
} as const;

export function DownloadLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <a href={href} download className={buttonClass("secondary", "md", "text-center")} data-testid={testId}>
      {children}
    </a>
  );
}

/** A deck's two downloads: Mesa markdown (the deck format, every field kept) and an Anki package with the review history. */
export function DeckDownloadLinks({ deckId, testId = "export-deck" }: { deckId: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
      <DownloadLink href={EXPORT_PATHS.deckMarkdown(deckId)} testId={`${testId}-markdown`}>
        Download as Mesa markdown
      </DownloadLink>
      <DownloadLink href={EXPORT_PATHS.deckApkg(deckId)} testId={`${testId}-apkg`}>
        Download as Anki package
      </DownloadLink>
    </div>
  );
}

/** The account-wide downloads: every card as Anki text, and the review log for the optimizer tools. */
export function AccountDownloadLinks({ testId = "export-account" }: { testId?: string }) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
      <DownloadLink href={EXPORT_PATHS.cards} testId={`${testId}-cards`}>
        Download all my cards (Anki TSV)
      </DownloadLink>
      <DownloadLink href={EXPORT_PATHS.reviewLog} testId={`${testId}-review-log`}>
        Download my review log (CSV)
      </DownloadLink>
    </div>
  );
}
