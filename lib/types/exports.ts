/** A deck the learner can download: one of their own, or a built-in deck they have cards of. */
export interface ExportableDeckDTO {
  id: string;
  title: string;
  builtIn: boolean;
}
