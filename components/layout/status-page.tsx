import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { buttonClass, type ButtonVariant } from "@/components/ui/classes";

/**
 * The frame of the not-found and error pages: the Mesa wordmark, one card with what happened, and
 * the ways out. Renders in server and client components alike (error pages are client components).
 */
export function StatusPage({
  label,
  title,
  children,
  actions,
}: {
  label: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-5 py-12">
      <p className="mb-8 text-center font-serif text-3xl font-semibold tracking-tight text-accent-600 dark:text-accent-400">
        Mesa
      </p>
      <Card size="lg" className="px-6 py-10 text-center sm:px-10">
        <p className="text-sm font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">{label}</p>
        <h1 className="mt-3 font-serif text-2xl text-balance sm:text-3xl">{title}</h1>
        <div className="mt-3 space-y-2 text-stone-600 dark:text-stone-400">{children}</div>
        <div className="mt-8 flex flex-col-reverse gap-3 sm:flex-row sm:justify-center">{actions}</div>
      </Card>
    </main>
  );
}

/**
 * The way home from a status page: a plain link, so a full load. These pages are in every page's
 * first load (the error pages as client boundaries, not-found by its client references), and each
 * one that used next/link would ship its own copy of it. Leaving an error by a full load also
 * starts from a fresh router rather than the one that just failed.
 */
export function StatusHomeLink({ variant, children }: { variant: ButtonVariant; children: ReactNode }) {
  return (
    // eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, see above
    <a href="/" className={buttonClass(variant, "lg")}>
      {children}
    </a>
  );
}
