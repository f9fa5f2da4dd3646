import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-5 py-12">
      <p className="mb-8 text-center font-serif text-3xl font-semibold tracking-tight text-accent-600 dark:text-accent-400">
        Mesa
      </p>
      <div className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8 dark:border-stone-800 dark:bg-stone-900">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-1 mb-6 text-sm text-stone-600 dark:text-stone-400">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}
