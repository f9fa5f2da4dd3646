import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConceptForm } from "@/components/concepts/concept-form";
import { NavLink } from "@/components/ui/nav-link";
import { requireUser } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getConceptForm } from "@/lib/server/own-concepts";
import { DeckIdSchema } from "@/lib/validation/authoring";
import { createOwnConceptAction, updateOwnConceptAction } from "../../../actions";

export const metadata: Metadata = { title: "New concept" };

export default async function NewConceptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const input = DeckIdSchema.safeParse({ deckId: (await params).id });
  if (!input.success) notFound();
  const form = await getConceptForm(user.id, { deckId: input.data.deckId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <main className="mx-auto max-w-2xl px-5 py-8 sm:py-12">
      <nav aria-label="Back" className="-ml-2 mb-4 flex flex-wrap gap-1 text-sm">
        <NavLink href={`/decks/mine/${form.deck.id}`} size="sm">
          ← {form.deck.title}
        </NavLink>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">New concept</h1>
      <div className="mt-6">
        <ConceptForm form={form} createAction={createOwnConceptAction} updateAction={updateOwnConceptAction} />
      </div>
    </main>
  );
}
