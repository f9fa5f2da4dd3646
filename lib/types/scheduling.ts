/** What a reschedule did. `batchId` (null when nothing changed) undoes it. */
export interface RescheduleResultDTO {
  checked: number;
  changed: number;
  batchId: string | null;
}

/** A reschedule that can still be undone. */
export interface RescheduleDTO {
  batchId: string;
  at: Date;
  cards: number;
}
