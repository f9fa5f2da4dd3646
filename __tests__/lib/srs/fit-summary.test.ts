import { describeFit } from "@/lib/srs/fit-summary";

describe("describeFit", () => {
  it("says by how much the fitted model predicts recall better, and recommends it", () => {
    const verdict = describeFit({ logLoss: 0.5, rmse: 0.08 }, { logLoss: 0.44, rmse: 0.05 });
    expect(verdict.recommended).toBe(true);
    expect(Math.round(verdict.betterPercent)).toBe(12);
    expect(verdict.summary).toBe(
      "The fitted model predicts your recall 12% better than the current one. Its predicted chances of recall are off by 5.0 percentage points on average, against 8.0 percentage points now.",
    );
  });

  it("advises keeping the current parameters when the fit predicts worse", () => {
    const verdict = describeFit({ logLoss: 0.4, rmse: 0.05 }, { logLoss: 0.42, rmse: 0.06 });
    expect(verdict.recommended).toBe(false);
    expect(verdict.summary).toMatch(
      /^The fitted model predicts your recall 5% worse than the current one: keep the current parameters\./,
    );
  });

  it("calls a tie a tie, and says when there was too little history to compare", () => {
    expect(describeFit({ logLoss: 0.4, rmse: 0.05 }, { logLoss: 0.4001, rmse: 0.05 }).summary).toMatch(
      /about as well as the current one/,
    );
    expect(describeFit(null, null)).toMatchObject({ recommended: false, summary: expect.stringMatching(/too short/) });
  });
});
