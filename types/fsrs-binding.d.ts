/*
 * The parts of the FSRS optimizer's native module (fsrs-rs through napi) that Mesa uses. The
 * platform package's main is the native module itself; it is loaded only in the optimizer's child
 * process (scripts/fsrs-fit-child.cjs), since malformed input makes it abort its whole process.
 */
declare module "@open-spaced-repetition/binding-linux-x64-gnu" {
  export class FSRSBindingReview {
    /** rating 1-4; deltaT whole days since the previous review (a u32: clamp first). */
    constructor(rating: number, deltaT: number);
  }
  export class FSRSBindingItem {
    constructor(reviews: FSRSBindingReview[]);
  }
  export interface ModelEvaluation {
    logLoss: number;
    rmseBins: number;
  }
  export interface ComputeParametersOptions {
    enableShortTerm: boolean;
    numRelearningSteps?: number;
    /** The progress polling interval in ms (not a time limit). */
    timeout?: number;
    /** Return false to interrupt. */
    progress?: (current: number, total: number) => boolean | void;
  }
  export function computeParameters(items: FSRSBindingItem[], options?: ComputeParametersOptions): Promise<number[]>;
  export function evaluateWithTimeSeriesSplits(
    items: FSRSBindingItem[],
    options?: ComputeParametersOptions,
  ): Promise<ModelEvaluation>;
  export class FSRSBinding {
    /** No or empty parameters: the defaults. */
    constructor(parameters?: number[]);
    /** In-sample evaluation of these parameters; throws NotEnoughData on too few items. */
    evaluate(items: FSRSBindingItem[]): ModelEvaluation;
  }
}
