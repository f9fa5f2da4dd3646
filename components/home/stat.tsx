/** One number that matters, large, with a quiet label. */
export function Stat({ label, value, testId, emphasis = false }: { label: string; value: number | string; testId: string; emphasis?: boolean }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white px-4 py-4 dark:border-stone-800 dark:bg-stone-900">
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">{label}</p>
      <p data-testid={testId} className={`mt-1 text-3xl font-semibold tabular-nums sm:text-4xl ${emphasis ? "text-accent-600 dark:text-accent-400" : ""}`}>
        {value}
      </p>
    </div>
  );
}
