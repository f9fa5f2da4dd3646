import type { Metadata } from "next";
import { ConfusionList } from "@/components/quiz/confusion-list";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/server/auth";
import { listConfusions } from "@/lib/server/quiz/confusions";
import { createQuizAction } from "../actions";

export const metadata: Metadata = { title: "Confusions" };

export default async function ConfusionsPage() {
  const user = await requireUser();
  const pairs = await listConfusions(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-5 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Confusions</h1>
      <p className="mt-1 mb-6 text-stone-600 dark:text-stone-400">
        The terms you mix up most, from quiz answers that picked or named the other one.
      </p>
      {pairs.length > 0 ? (
        <ConfusionList pairs={pairs} now={new Date()} timeZone={user.timeZone} createAction={createQuizAction} />
      ) : (
        <Card className="px-6 py-8 text-center">
          <p className="text-stone-600 dark:text-stone-400">
            No confusions yet. When a quiz answer picks one term for another, the pair shows here.
          </p>
          <LinkButton href="/quiz" className="mt-5">
            Take a quiz
          </LinkButton>
        </Card>
      )}
    </main>
  );
}
