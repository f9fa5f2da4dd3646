export { buildQuiz, MAX_OPTIONS, type BuildQuizInput } from "./build-quiz";
export { checkAnswer, questionView, typedMissCorrection } from "./check-answer";
export {
  indexConceptNames,
  MAX_TYPED_ANSWER_LENGTH,
  normalizeAnswer,
  typoBudget,
  type ConceptNameIndex,
  type NamedConcept,
} from "./match";
export { seededRandom, type RandomSource } from "./random";
export * from "./types";
