/** The study settings as the settings page shows them. */
export interface StudySettingsDTO {
  timeZone: string;
  dayStartHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  dailyGoalKind: "REVIEWS" | "CLEAR_DUE";
  dailyGoalReviews: number;
}

/** The scheduling section of the settings page. */
export interface SchedulingSettingsDTO {
  desiredRetention: number;
  learningSteps: string;
  relearningSteps: string;
  maximumIntervalDays: number;
  enableFuzz: boolean;
  newCardOrder: "DECK" | "RANDOM";
  leechThreshold: number;
  leechAction: "TAG" | "SUSPEND";
}
