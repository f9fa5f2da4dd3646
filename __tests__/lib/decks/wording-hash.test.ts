import { wordingHash } from "@/lib/decks/wording-hash";

describe("wordingHash", () => {
  const original = { definition: "A system that searches.", examples: '["a thermostat"]', aliases: "[]" };

  it("is the same for the same wording", () => {
    expect(wordingHash({ ...original })).toBe(wordingHash(original));
  });

  it("changes when the definition, an example or an alias changes", () => {
    const hashes = new Set([
      wordingHash(original),
      wordingHash({ ...original, definition: "A system that searches!" }),
      wordingHash({ ...original, examples: '["a thermostat", "a chess engine"]' }),
      wordingHash({ ...original, aliases: '["searcher"]' }),
    ]);
    expect(hashes.size).toBe(4);
  });

  it("does not run fields together", () => {
    expect(wordingHash({ definition: "ab", examples: "c", aliases: "" })).not.toBe(
      wordingHash({ definition: "a", examples: "bc", aliases: "" }),
    );
  });
});
