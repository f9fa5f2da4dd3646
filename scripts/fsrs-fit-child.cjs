/**
 * The FSRS optimizer, in a process of its own: the native module (fsrs-rs) aborts its whole process
 * on some malformed input, and that must never be the app server. Started by
 * lib/server/optimizer-process.ts with child_process.fork; one fit per process, then it exits.
 *
 * In (one IPC message): { items: [rating, deltaT][][] in the order of their last review,
 *   currentWeights: number[] | null, numRelearningSteps: number }. The parent has validated them.
 * Out: { type: "progress", fraction } messages, then { type: "result", weights, current, fitted,
 *   evaluatedItems, folds, peakRssBytes } or { type: "error", code, message }.
 *
 * "current" and "fitted" are scored out of sample with a time-series split: the items are cut into
 * five chronological parts; for each of the last four, parameters are fitted on everything before
 * it and both they and the current parameters (never fitted on this history) predict it. The
 * weights returned are fitted on every item.
 */
"use strict";

const FOLDS = 5;
const POLL_MS = 20;

function send(message) {
  if (process.send) process.send(message);
}

/** The last message, then exit once it has left (exiting at once could drop it). */
function finish(message) {
  if (process.send) process.send(message, () => process.exit(0));
  else process.exit(0);
}

function loadBinding() {
  try {
    return require("@open-spaced-repetition/binding-linux-x64-gnu");
  } catch {
    finish({
      type: "error",
      code: "UNAVAILABLE",
      message: `The FSRS optimizer is not available on this platform (${process.platform}-${process.arch}).`,
    });
    return null;
  }
}

async function fit(binding, input) {
  const { computeParameters, FSRSBinding, FSRSBindingItem, FSRSBindingReview } = binding;
  const items = input.items.map(
    (item) => new FSRSBindingItem(item.map(([rating, deltaT]) => new FSRSBindingReview(rating, deltaT))),
  );
  const chunk = Math.floor(items.length / FOLDS);
  const folds = chunk > 0 ? FOLDS - 1 : 0;
  const steps = folds + 1;
  let step = 0;
  // The bar never moves back: the binding's own count can (its total is re-estimated as it goes).
  let shown = 0;
  const options = () => {
    const at = step;
    return {
      enableShortTerm: true,
      numRelearningSteps: input.numRelearningSteps,
      timeout: POLL_MS,
      progress: (current, total) => {
        const fraction = total > 0 ? (at + Math.min(1, current / total)) / steps : 0;
        if (fraction > shown) {
          shown = fraction;
          send({ type: "progress", fraction });
        }
      },
    };
  };

  const current = new FSRSBinding(input.currentWeights ?? undefined);
  const totals = { current: { logLoss: 0, rmse: 0 }, fitted: { logLoss: 0, rmse: 0 }, items: 0, folds: 0 };
  for (let fold = 1; fold <= folds; fold++, step++) {
    const train = items.slice(0, fold * chunk);
    const test = items.slice(fold * chunk, fold === folds ? items.length : (fold + 1) * chunk);
    const weights = await computeParameters(train, options());
    let before;
    let after;
    try {
      before = current.evaluate(test);
      after = new FSRSBinding(weights).evaluate(test);
    } catch {
      // Too few items in this part once the binding's outlier filter has run: it does not count.
      continue;
    }
    totals.current.logLoss += before.logLoss * test.length;
    totals.current.rmse += before.rmseBins * test.length;
    totals.fitted.logLoss += after.logLoss * test.length;
    totals.fitted.rmse += after.rmseBins * test.length;
    totals.items += test.length;
    totals.folds += 1;
  }
  const weights = await computeParameters(items, options());
  send({ type: "progress", fraction: 1 });
  const mean = (sums) => (totals.items === 0 ? null : { logLoss: sums.logLoss / totals.items, rmse: sums.rmse / totals.items });
  return {
    type: "result",
    weights,
    current: mean(totals.current),
    fitted: mean(totals.fitted),
    evaluatedItems: totals.items,
    folds: totals.folds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

process.once("message", (input) => {
  const binding = loadBinding();
  if (!binding) return;
  fit(binding, input).then(finish, (error) =>
    finish({ type: "error", code: "FAILED", message: String(error && error.message ? error.message : error) }),
  );
});
