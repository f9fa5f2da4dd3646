/** A card the learner keeps forgetting (lapses at or over their leech threshold). */
export interface LeechDTO {
  cardId: string;
  term: string;
  kind: string;
  lapses: number;
  suspended: boolean;
}

export interface LeechListDTO {
  threshold: number;
  /** The worst first, at most a page of them. */
  leeches: LeechDTO[];
  total: number;
}
