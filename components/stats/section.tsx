import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** One panel of the statistics page: a heading, a quiet line of key figures, then the chart. */
export function StatsSection({
  id,
  title,
  summary,
  action,
  className,
  children,
}: {
  id: string;
  title: string;
  summary?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** Nothing for a panel that has only its summary line to show. */
  children?: ReactNode;
}) {
  return (
    <Card as="section" aria-labelledby={id} className={cn("min-w-0 px-4 py-5 sm:px-6", className)}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {summary ? <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{summary}</p> : null}
      {children ? <div className="mt-4">{children}</div> : null}
    </Card>
  );
}
