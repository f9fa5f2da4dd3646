import { ConceptDefinition, ConceptSource } from "@/components/concepts/concept-details";
import type { QuizConceptDTO } from "@/lib/types/quiz";

/** A concept's term, definition (rendered from markdown by the server) and source. */
export function ConceptPanel({
  concept,
  label,
  tone = "neutral",
  testId,
}: {
  concept: QuizConceptDTO;
  label?: string;
  tone?: "right" | "wrong" | "neutral";
  testId?: string;
}) {
  const tones = {
    right: "border-emerald-300 bg-emerald-50/60 dark:border-emerald-800 dark:bg-emerald-950/30",
    wrong: "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30",
    neutral: "border-stone-200 bg-stone-50 dark:border-stone-800 dark:bg-stone-900/60",
  };
  return (
    <section data-testid={testId} className={`min-w-0 rounded-xl border px-4 py-3 ${tones[tone]}`}>
      {label ? (
        <p className="mb-1 text-xs font-medium tracking-wide text-stone-500 uppercase dark:text-stone-400">{label}</p>
      ) : null}
      <h3 className="font-serif text-lg leading-snug font-semibold break-words">{concept.term}</h3>
      {concept.reworded ? (
        <p className="text-xs font-medium tracking-wide text-accent-700 uppercase dark:text-accent-300">Your wording</p>
      ) : null}
      <ConceptDefinition
        html={concept.definitionHtml}
        className="mt-1.5 text-[0.95rem] leading-relaxed break-words text-stone-700 dark:text-stone-300"
      />
      <ConceptSource concept={concept} className="mt-2" />
    </section>
  );
}
