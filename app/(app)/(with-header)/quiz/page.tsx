import type { Metadata } from "next";
import { QuizSetup } from "@/components/quiz/quiz-setup";
import { NavLink } from "@/components/ui/nav-link";
import { requireUser } from "@/lib/server/auth";
import { getQuizSetup } from "@/lib/server/quiz/setup";
import { createQuizAction } from "./actions";

export const metadata: Metadata = { title: "Quiz" };

export default async function QuizSetupPage() {
  const user = await requireUser();
  const setup = await getQuizSetup(user.id, new Date());
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-5 sm:py-12">
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="font-serif text-3xl font-semibold">Quiz yourself</h1>
          <p className="mt-1 text-stone-600 dark:text-stone-400">Test the definitions, outside your review schedule.</p>
        </div>
        <NavLink href="/quiz/confusions" className="-mx-2 sm:mx-0">
          Your confusions →
        </NavLink>
      </div>
      <QuizSetup setup={setup} createAction={createQuizAction} />
    </main>
  );
}
