import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** One number that matters, large, with a quiet label. */
export function Stat({
  label,
  value,
  testId,
  emphasis = false,
}: {
  label: string;
  value: number | string;
  testId: string;
  emphasis?: boolean;
}) {
  return (
    <Card className="px-4 py-4">
      <p className="text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">{label}</p>
      <p
        data-testid={testId}
        className={cn("mt-1 text-3xl font-semibold tabular-nums sm:text-4xl", emphasis && "text-accent-600 dark:text-accent-400")}
      >
        {value}
      </p>
    </Card>
  );
}
