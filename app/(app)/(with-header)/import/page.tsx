import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { requireUser } from "@/lib/server/auth";
import { listOwnDecks } from "@/lib/server/own-decks";
import { importConceptsAction, previewImportPlanAction, previewImportTextAction } from "./actions";

export const metadata: Metadata = { title: "Import notes" };

export default async function ImportPage() {
  const user = await requireUser();
  const decks = await listOwnDecks(user.id);
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Import notes</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">
        Turn your reading notes, a Mesa deck file or an Anki text export into concepts of your own. You see every concept found,
        and can untick or edit it, before anything is saved.
      </p>
      <div className="mt-6">
        <ImportForm
          decks={decks.map((deck) => ({ id: deck.id, title: deck.title }))}
          previewText={previewImportTextAction}
          previewPlan={previewImportPlanAction}
          importConcepts={importConceptsAction}
        />
      </div>
    </main>
  );
}
