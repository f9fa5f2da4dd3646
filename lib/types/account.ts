import type { SessionDTO } from "./sessions";

/** What the account page shows. */
export interface AccountDTO {
  username: string;
  timeZone: string;
  dayStartHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  desiredRetention: number;
  createdAt: Date;
  sessions: SessionDTO[];
}
