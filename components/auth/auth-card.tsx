import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The sign-in and sign-up frame: the wordmark, one line on what Mesa is, then the form's card. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-5 py-12">
      <div className="mb-8 text-center">
        <p className="font-serif text-3xl font-semibold tracking-tight text-accent-600 dark:text-accent-400">Mesa</p>
        <p className="mt-2 text-sm text-balance text-stone-600 dark:text-stone-400" data-testid="about-mesa">
          Flashcards and quizzes for learning AI-safety concepts, from mesa-optimizers to reward hacking, each card citing its
          source. A few minutes a day, spaced so you remember.
        </p>
      </div>
      <Card size="lg" className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-1 mb-6 text-sm text-stone-600 dark:text-stone-400">{subtitle}</p>
        {children}
      </Card>
    </main>
  );
}
