import Link from "next/link";
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { QuizMode } from "@/lib/quiz/types";
import { quizWeeks } from "@/lib/stats/quiz";
import type { DayQuizDTO, QuizStatsDTO } from "@/lib/types/stats";
import { BarChart, barScale, MARGIN, type BarDatum } from "./bar-chart";
import { ChartFrame } from "@/components/ui/chart-frame";
import { DataTable } from "@/components/ui/data-table";
import { plural, WORDS } from "@/lib/format";
import { fromFirstActive } from "@/lib/stats/days";
import { AXIS_TEXT, GRID_LINE, LegendSwatch, Responsive, SERIES } from "./chart-parts";
import { count, longDay, percent, shortDay } from "./format";
import { DAYS_BEFORE_WEEKS, labelsFor, MIN_DAYS_SHOWN } from "./reviews-chart";

const MODE_NAMES: Record<QuizMode, string> = {
  "definition-to-term": "Definition → term",
  "term-to-definition": "Term → definition",
  "typed-recall": "Typed term",
  "example-to-concept": "Example → concept",
  "true-false": "True or false",
};

const WRONG = "fill-stone-300 dark:fill-stone-600";

/**
 * Accuracy (0-100%) of the days or weeks with answers, as points joined by a line, over the same
 * x positions as the answers chart below it. Days without answers have no point: a line drawn
 * through zero would read as "all wrong".
 */
function AccuracyLine({
  title,
  description,
  data,
  width,
  height,
  labelAt,
}: {
  title: string;
  description: string;
  data: DayQuizDTO[];
  width: number;
  height: number;
  labelAt: number[];
}) {
  const x = barScale(
    data.map((d) => d.day),
    width,
  );
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const cx = (d: DayQuizDTO) => x(d.day)! + x.bandwidth() / 2;
  const answered = data.filter((d) => d.rate !== null);
  const path =
    line<DayQuizDTO>()
      .x(cx)
      .y((d) => y(d.rate!))(answered) ?? "";
  const labelled = new Set(labelAt);
  const titleId = `${title.replace(/\W+/g, "-").toLowerCase()}-${width}`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId}-t ${titleId}-d`}
      className="block overflow-visible text-[11px]"
    >
      <title id={`${titleId}-t`}>{title}</title>
      <desc id={`${titleId}-d`}>{description}</desc>
      {[0, 0.5, 1].map((tick) => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            className={GRID_LINE}
            strokeDasharray={tick === 0 ? undefined : "2 3"}
          />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className={AXIS_TEXT}>
            {tick * 100}%
          </text>
        </g>
      ))}
      <path d={path} fill="none" strokeWidth={1.5} strokeLinejoin="round" className="stroke-accent-400 dark:stroke-accent-500" />
      {answered.map((d) => (
        <circle key={d.day} cx={cx(d)} cy={y(d.rate!)} r={data.length > 60 ? 2 : 3} className={SERIES.review} />
      ))}
      {data.map((d, i) =>
        labelled.has(i) ? (
          <text key={d.day} x={cx(d)} y={height - 6} textAnchor="middle" className={AXIS_TEXT}>
            {shortDay(d.day)}
          </text>
        ) : null,
      )}
    </svg>
  );
}

function ModeTable({ quiz }: { quiz: QuizStatsDTO }) {
  const cells = (answers: number, correct: number, rate: number | null) => [
    answers > 0 ? `${count(correct)} / ${count(answers)}` : "–",
    percent(rate, 0),
  ];
  return (
    <DataTable
      visible
      caption="Quiz accuracy by kind of question"
      head={["Kind of question", "Right", "Accuracy"]}
      rows={quiz.byMode.map((m) => [MODE_NAMES[m.mode], ...cells(m.answers, m.correct, m.rate)])}
      totalRow={["All kinds", ...cells(quiz.overall.answers, quiz.overall.correct, quiz.overall.rate)]}
    />
  );
}

const answersText = (n: number) => plural(n, WORDS.answer);
const studyDays = (n: number) => plural(n, { one: "study day", other: "study days" });

/** The quiz panel's summary line; for someone who has never quizzed, the whole panel: one line pointing to the quiz. */
export function QuizSummary({ quiz }: { quiz: QuizStatsDTO }) {
  if (!quiz.everQuizzed) {
    return (
      <>
        You have not taken a quiz yet.{" "}
        <Link href="/quiz" className="font-medium text-accent-700 underline-offset-2 hover:underline dark:text-accent-300">
          Take a quiz
        </Link>{" "}
        to see how often you answer right.
      </>
    );
  }
  const { answers, rate } = quiz.overall;
  // None in the range: the panel's empty chart says so, and the page shows no summary line.
  if (answers === 0) return null;
  const studied = quiz.days.filter((d) => d.answers > 0).length;
  return (
    <>{`${percent(rate, 0)} right · ${answersText(answers)} on ${count(studied)} of the last ${plural(quiz.days.length, WORDS.day)}`}</>
  );
}

/**
 * Quiz accuracy per study day (per week for a year), the answers behind it, and accuracy by kind
 * of question. Nothing for someone who has never quizzed: the summary line says so.
 */
export function QuizAccuracy({ quiz }: { quiz: QuizStatsDTO }) {
  if (!quiz.everQuizzed) return null;
  const active = fromFirstActive(quiz.days, (d) => d.answers > 0, MIN_DAYS_SHOWN);
  const byWeek = active.length > DAYS_BEFORE_WEEKS;
  const shown = byWeek ? quizWeeks(active) : active;
  const period = byWeek ? "week" : "day";
  const answered = quiz.days.filter((d) => d.answers > 0);
  const description =
    quiz.overall.answers === 0
      ? `No answers in the last ${studyDays(quiz.days.length)}.`
      : `${percent(quiz.overall.rate, 0)} of ${answersText(quiz.overall.answers)} right on ${count(answered.length)} of ${studyDays(quiz.days.length)}.`;
  const bars: BarDatum[] = shown.map((d) => ({ key: d.day, label: shortDay(d.day), values: [d.correct, d.answers - d.correct] }));
  const accuracy = (width: number, height: number) => (
    <AccuracyLine
      title={`Quiz accuracy per ${period}`}
      description={description}
      data={shown}
      width={width}
      height={height}
      labelAt={labelsFor(shown, width)}
    />
  );
  const answers = (width: number) => (
    <BarChart
      title={`Quiz answers per ${period}`}
      description={`${count(quiz.overall.correct)} right and ${count(quiz.overall.answers - quiz.overall.correct)} wrong in ${studyDays(quiz.days.length)}.`}
      data={bars}
      series={[SERIES.review, WRONG]}
      width={width}
      height={90}
      labelAt={labelsFor(shown, width)}
    />
  );
  return (
    <ChartFrame
      empty={quiz.overall.answers === 0 ? `No quiz answers in the last ${plural(quiz.days.length, WORDS.day)}.` : null}
      table={{
        caption: "Quiz answers per study day (days with answers)",
        head: ["Day", "Answers", "Right", "Accuracy"],
        rows: answered.map((d) => [longDay(d.day), d.answers, d.correct, percent(d.rate, 0)]),
      }}
    >
      <Responsive narrow={accuracy(340, 130)} wide={accuracy(680, 150)} />
      <h3 className="mt-6 text-sm font-medium text-stone-700 dark:text-stone-300">
        Answers per {period}{" "}
        <span className="font-normal text-stone-500 dark:text-stone-400">· {count(quiz.overall.answers)} in total</span>
      </h3>
      <div className="mt-2">
        <Responsive narrow={answers(340)} wide={answers(680)} />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600 dark:text-stone-400">
        <LegendSwatch className={SERIES.review} label="Right" value={count(quiz.overall.correct)} />
        <LegendSwatch className={WRONG} label="Wrong" value={count(quiz.overall.answers - quiz.overall.correct)} />
      </div>
      <div className="mt-6">
        <ModeTable quiz={quiz} />
      </div>
    </ChartFrame>
  );
}
