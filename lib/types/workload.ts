import type { WorkloadResult } from "@/lib/srs/simulate-workload";

/** The simulated year at each retention, for the chart beside the retention setting. */
export interface WorkloadDTO extends WorkloadResult {
  cards: number;
  days: number;
  secondsPerReview: number;
  /** The retention in use. */
  current: number;
}
