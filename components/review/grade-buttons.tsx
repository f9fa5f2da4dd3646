import { formatGradeIntervals } from "@/lib/format";
import { GRADE_LABELS, GRADES, type Grade, type GradePreview } from "@/lib/srs/grades";

// Anki's colour logic: Again red, Hard amber, Good green, Easy blue.
const GRADE_STYLES: Record<Grade, string> = {
  1: "border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950/50",
  2: "border-amber-300 text-amber-700 hover:bg-amber-50 dark:border-amber-800 dark:text-amber-300 dark:hover:bg-amber-950/50",
  3: "border-green-300 text-green-700 hover:bg-green-50 dark:border-green-800 dark:text-green-300 dark:hover:bg-green-950/50",
  4: "border-sky-300 text-sky-700 hover:bg-sky-50 dark:border-sky-800 dark:text-sky-300 dark:hover:bg-sky-950/50",
};

/**
 * The four grade buttons, each with the interval it gives. Without previews (a card whose previews
 * have not arrived yet) the buttons still grade; the interval line stays empty, so nothing moves.
 */
export function GradeButtons({ previews, onGrade }: { previews: GradePreview[]; onGrade: (grade: Grade) => void }) {
  const inOrder = GRADES.map((grade) => previews.find((p) => p.grade === grade)?.intervalMs);
  const labels = inOrder.every((ms) => ms !== undefined) ? formatGradeIntervals(inOrder) : [];
  return (
    <div className="grid grid-cols-4 gap-2" role="group" aria-label="Grade your answer">
      {GRADES.map((grade, i) => (
        <button
          key={grade}
          type="button"
          onClick={() => onGrade(grade)}
          data-testid={`grade-${grade}`}
          aria-keyshortcuts={String(grade)}
          className={`flex h-16 flex-col items-center justify-center rounded-xl border bg-white transition-colors dark:bg-stone-900 ${GRADE_STYLES[grade]}`}
        >
          <span className="text-sm font-semibold">{GRADE_LABELS[grade]}</span>
          <span className="min-h-4 text-xs tabular-nums">{labels[i] ?? ""}</span>
        </button>
      ))}
    </div>
  );
}
