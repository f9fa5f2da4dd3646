/**
 * A labelled progress bar (0..1) with its percentage for screen readers: an upload, a background
 * job. The label is what is in progress ("Upload"), said by assistive technology with the value.
 */
export function ProgressBar({ label, value, testId }: { label: string; value: number; testId?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      className="h-2 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
    >
      <div className="h-full bg-accent-600 transition-[width] dark:bg-accent-400" style={{ width: `${percent}%` }} />
    </div>
  );
}
