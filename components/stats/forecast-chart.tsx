import type { DayCountDTO } from "@/lib/types/stats";
import { BarChart } from "./bar-chart";
import { DataTable, Responsive, SERIES } from "./chart-parts";
import { count, longDay, shortDay } from "./format";

/** Cards due per study day for the next 30 days; today includes the overdue ones. */
export function ForecastChart({ days }: { days: DayCountDTO[] }) {
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const data = days.map((d, i) => ({ key: d.day, label: i === 0 ? "Today" : shortDay(d.day), values: [d.count] }));
  const description = `${count(total)} cards due in the next ${days.length} study days, ${count(days[0]?.count ?? 0)} of them today (overdue included).`;
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
    <div>
      <Responsive narrow={chart(340, [0, 7, 14, 21, 29])} wide={chart(680, [0, 5, 10, 15, 20, 25, 29])} />
      <DataTable
        caption="Cards due per study day"
        head={["Day", "Cards due"]}
        rows={days.map((d, i) => [i === 0 ? `Today, ${longDay(d.day)}` : longDay(d.day), d.count])}
      />
    </div>
  );
}
