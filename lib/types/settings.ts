/** The study settings as the settings page shows them. */
export interface StudySettingsDTO {
  timeZone: string;
  dayStartHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  dailyGoalKind: "REVIEWS" | "CLEAR_DUE";
  dailyGoalReviews: number;
}
