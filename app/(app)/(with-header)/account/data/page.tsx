import type { Metadata } from "next";
import { AccountDownloadLinks, DeckDownloadLinks, DownloadLink, EXPORT_PATHS } from "@/components/export/download-links";
import { RestoreForm } from "@/components/export/restore-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/server/auth";
import { canRestoreInto } from "@/lib/server/backup";
import { listExportableDecks } from "@/lib/server/exports";

export const metadata: Metadata = { title: "Your data" };

const QUIET = "mt-1 text-sm text-stone-600 dark:text-stone-400";

export default async function YourDataPage() {
  const user = await requireUser();
  const [decks, restorable] = await Promise.all([listExportableDecks(user.id), canRestoreInto(user.id)]);
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Your data</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">
        Everything you put into Mesa can be taken out: the whole account as one backup file, or each part in a format other tools
        read.
      </p>

      <Card as="section" aria-labelledby="backup" className="mt-8 px-5 py-5">
        <h2 id="backup" className="font-semibold">
          Back up your account
        </h2>
        <p className={QUIET}>
          One compressed file with everything: your settings and daily goal, your decks and concepts, your wording of built-in
          concepts, every card with its schedule, every review (undone ones too), your quizzes and their answers. Restoring it into
          a new account, on this server or another Mesa, brings all of it back, and your streak with it.
        </p>
        <div className="mt-4 flex flex-col sm:flex-row">
          <DownloadLink href={EXPORT_PATHS.backup} testId="download-backup">
            Download a full backup
          </DownloadLink>
        </div>
      </Card>

      <Card as="section" aria-labelledby="restore" className="mt-8 px-5 py-5">
        <h2 id="restore" className="font-semibold">
          Restore a backup
        </h2>
        <RestoreForm restorable={restorable} />
      </Card>

      <Card as="section" aria-labelledby="decks-export" className="mt-8 px-5 py-5">
        <h2 id="decks-export" className="font-semibold">
          Decks
        </h2>
        <p className={QUIET}>
          <strong className="font-medium">Mesa markdown</strong> is the format Mesa’s own decks are written in, every field kept,
          and imports back as it is; a built-in deck comes with your own wording where you changed it. The{" "}
          <strong className="font-medium">Anki package</strong> (.apkg) opens in Anki with your cards’ schedules and every review.
        </p>
        {decks.length > 0 ? (
          <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800" data-testid="export-decks">
            {decks.map((deck) => (
              <li key={deck.id} className="space-y-2 py-3">
                <p className="text-sm font-medium break-words">
                  {deck.title}
                  {deck.builtIn ? <span className="ml-2 font-normal text-stone-500 dark:text-stone-400">built-in</span> : null}
                </p>
                <DeckDownloadLinks deckId={deck.id} testId={`export-deck-${deck.id}`} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-stone-500 dark:text-stone-400">No decks to download yet: study one, or make your own.</p>
        )}
      </Card>

      <Card as="section" aria-labelledby="cards-export" className="mt-8 px-5 py-5">
        <h2 id="cards-export" className="font-semibold">
          Cards and review log
        </h2>
        <p className={QUIET}>
          <strong className="font-medium">Anki TSV</strong>: every card you study as a text file Anki imports (tab-separated,
          with Anki’s headers). <strong className="font-medium">Review log CSV</strong>: your answers in the columns the FSRS
          optimizer tools read, so you can check Mesa’s scheduling with them, answers brought from Anki included; resets and
          reschedules are left out, as they are not answers.
        </p>
        <div className="mt-4">
          <AccountDownloadLinks />
        </div>
      </Card>
    </main>
  );
}
