/** How well a set of FSRS weights predicted the learner's reviews (lower is better for both). */
export interface FitScore {
  logLoss: number;
  rmse: number;
}

export interface FitVerdict {
  /** Relative reduction of log loss, in percent (negative: the fit predicts worse). */
  betterPercent: number;
  /** Whether saving the fit is advisable (Anki's rule: only if it predicts at least as well). */
  recommended: boolean;
  summary: string;
}

/**
 * The comparison of current and fitted weights in words a learner understands, from their
 * out-of-sample scores on the learner's own reviews.
 */
export function describeFit(current: FitScore | null, fitted: FitScore | null): FitVerdict {
  if (!current || !fitted) {
    return {
      betterPercent: 0,
      recommended: false,
      summary:
        "Your history is too short to test the fitted parameters on reviews they were not fitted on, so there is no comparison yet.",
    };
  }
  const betterPercent = ((current.logLoss - fitted.logLoss) / current.logLoss) * 100;
  const rounded = Math.round(Math.abs(betterPercent));
  const calibration =
    fitted.rmse < current.rmse
      ? `Its predicted chances of recall are off by ${pct(fitted.rmse)} on average, against ${pct(current.rmse)} now.`
      : `Its predicted chances of recall are off by ${pct(fitted.rmse)} on average, against ${pct(current.rmse)} with the current ones.`;
  if (betterPercent >= 0.5) {
    return {
      betterPercent,
      recommended: true,
      summary: `The fitted model predicts your recall ${rounded}% better than the current one. ${calibration}`,
    };
  }
  if (betterPercent > -0.5) {
    return {
      betterPercent,
      recommended: betterPercent >= 0,
      summary: `The fitted model predicts your recall about as well as the current one. ${calibration}`,
    };
  }
  return {
    betterPercent,
    recommended: false,
    summary: `The fitted model predicts your recall ${rounded}% worse than the current one: keep the current parameters. ${calibration}`,
  };
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} percentage points`;
}
