export interface HomeSummaryDTO {
  username: string;
  dueNow: number;
  newToday: number;
  reviewedToday: number;
  /** The next time a card falls due, when nothing is due now. */
  nextDue: Date | null;
  totalCards: number;
  /** Learning cards that come back later this study day. */
  learningLaterToday: number;
  timeZone: string;
}
