import type { Metadata } from "next";
import { ApkgImport } from "@/components/import/apkg-import";
import { ImportForm } from "@/components/import/import-form";
import { requireUser } from "@/lib/server/auth";
import { listOwnDecks } from "@/lib/server/own-decks";
import { importConceptsAction, previewImportPlanAction, previewImportTextAction } from "./actions";

export const metadata: Metadata = { title: "Import notes" };

export default async function ImportPage() {
  const user = await requireUser();
  const ownDecks = (await listOwnDecks(user.id)).map((deck) => ({ id: deck.id, title: deck.title }));
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Import notes</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">
        Turn your reading notes, a Mesa deck file or an Anki text export into concepts of your own: you see every concept found,
        and can untick or edit it, before anything is saved. An Anki package (below) brings its review history too.
      </p>
      <div className="mt-6">
        <ImportForm
          decks={ownDecks}
          previewText={previewImportTextAction}
          previewPlan={previewImportPlanAction}
          importConcepts={importConceptsAction}
        />
      </div>
      <section aria-labelledby="import-apkg" className="mt-12 space-y-5 border-t border-stone-200 pt-8 dark:border-stone-800">
        <div className="space-y-1">
          <h2 id="import-apkg" className="text-xl font-semibold">
            Anki package (.apkg, .colpkg)
          </h2>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Bring a deck from Anki with its review history: each card keeps what you have learned, rescheduled by Mesa&rsquo;s
            FSRS from your past answers. You see what the package holds before anything is saved.
          </p>
        </div>
        <ApkgImport decks={ownDecks} />
      </section>
    </main>
  );
}
