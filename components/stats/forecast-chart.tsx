import type { DayCountDTO } from "@/lib/types/stats";
import { BarChart } from "./bar-chart";
import { ChartFrame } from "@/components/ui/chart-frame";
import { plural, WORDS } from "@/lib/format";
import { Responsive, SERIES } from "./chart-parts";
import { count, longDay, shortDay } from "./format";

/** Cards due per study day for the next 30 days; today includes the overdue ones. */
export function ForecastChart({ days }: { days: DayCountDTO[] }) {
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const data = days.map((d, i) => ({ key: d.day, label: i === 0 ? "Today" : shortDay(d.day), values: [d.count] }));
  const description = `${plural(total, WORDS.card)} due in the next ${plural(days.length, { one: "study day", other: "study days" })}, ${count(days[0]?.count ?? 0)} of them today (overdue included).`;
  const chart = (width: number, labelAt: number[]) => (
    <BarChart
      title="Due forecast"
      description={description}
      data={data}
      series={[SERIES.review]}
      width={width}
      height={160}
      labelAt={labelAt}
    />
  );
  return (
    <ChartFrame
      empty={total === 0 ? `Nothing is due in the next ${plural(days.length, WORDS.day)}.` : null}
      table={{
        caption: "Cards due per study day",
        head: ["Day", "Cards due"],
        rows: days.map((d, i) => [i === 0 ? `Today, ${longDay(d.day)}` : longDay(d.day), d.count]),
      }}
    >
      <Responsive narrow={chart(340, [0, 7, 14, 21, 29])} wide={chart(680, [0, 5, 10, 15, 20, 25, 29])} />
    </ChartFrame>
  );
}
