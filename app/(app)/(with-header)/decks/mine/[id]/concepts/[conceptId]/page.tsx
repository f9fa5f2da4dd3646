import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConceptForm } from "@/components/concepts/concept-form";
import { NavLink } from "@/components/ui/nav-link";
import { requireUser } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getConceptForm } from "@/lib/server/own-concepts";
import { ConceptIdSchema } from "@/lib/validation/authoring";
import { createOwnConceptAction, updateOwnConceptAction } from "../../../actions";

export const metadata: Metadata = { title: "Edit concept" };

export default async function EditConceptPage({ params }: { params: Promise<{ id: string; conceptId: string }> }) {
  const user = await requireUser();
  const { id, conceptId } = await params;
  const input = ConceptIdSchema.safeParse({ conceptId });
  if (!input.success) notFound();
  const form = await getConceptForm(user.id, { conceptId: input.data.conceptId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  // The concept's own deck decides; a URL naming another deck is not this concept's page.
  if (form.deck.id !== id) notFound();
  return (
    <main className="mx-auto max-w-2xl px-5 py-8 sm:py-12">
      <nav aria-label="Back" className="-ml-2 mb-4 flex flex-wrap gap-1 text-sm">
        <NavLink href={`/decks/mine/${form.deck.id}`} size="sm">
          ← {form.deck.title}
        </NavLink>
      </nav>
      <h1 className="font-serif text-3xl font-semibold break-words">Edit “{form.concept?.term}”</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
        Changing the text never changes when its cards are due; a new term keeps the cards and their history.
      </p>
      <div className="mt-6">
        <ConceptForm form={form} createAction={createOwnConceptAction} updateAction={updateOwnConceptAction} />
      </div>
    </main>
  );
}
