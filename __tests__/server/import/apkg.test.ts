import { decompress } from "fzstd";
import { unzipSync } from "fflate";
import { buildAnkiPackage, PACKAGE_FORMATS, SAMPLE_MEDIA, sampleCollection, zstdRawFrame } from "@/scripts/anki-fixtures";
import { replayImportedHistories } from "@/lib/import/replay-histories";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { previewImportFile } from "@/lib/server/import/preview";
import { CardState, newSchedulingState } from "@/lib/srs/card";
import { applyGrade } from "@/lib/srs/scheduler";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";

const DAY = 24 * 60 * 60 * 1000;
const T0 = 1_736_136_000_000;

describe.each(PACKAGE_FORMATS)("readAnkiPackage on a %s package", (format) => {
  const preview = readAnkiPackage(buildAnkiPackage(sampleCollection(), format, SAMPLE_MEDIA));

  it("maps each non-cloze note to one concept: first field the term, second the definition, tags kept", () => {
    expect(preview.errors).toEqual([]);
    expect(preview.concepts.map((c) => [c.noteId, c.guid, c.term, c.tags, c.deckName])).toEqual([
      ["1001", "q1Abc", "Mesa-optimizer", ["mesa", "ch01-intro"], "AI Safety / Inner alignment"],
      ["1002", "q2Def", "Base optimizer", ["ch01"], "AI Safety / Inner alignment"],
      ["1004", "q4Jkl", "Deceptive alignment", ["ch02"], "AI Safety"],
      ["1005", "q5Mno", "Evil", ["ch02"], "AI Safety"],
    ]);
    expect(preview.concepts[0].definition).toBe("A learned model that is itself an optimizer.\nSee the paper.");
    expect(preview.deckName).toBe("AI Safety");
  });

  it("never imports the stub collection beside a newer one", () => {
    expect(JSON.stringify(preview)).not.toContain("Please update");
  });

  it("converts field HTML to inert text: no tags, handlers or javascript: URLs survive", () => {
    expect(preview.concepts[3].definition).toBe("Looks harmless");
    expect(JSON.stringify(preview.concepts)).not.toMatch(/<|onerror|javascript:|script/i);
    expect(preview.concepts[1].notes).toEqual(["audio omitted"]);
    expect(preview.concepts[2].notes).toEqual(["images omitted"]);
  });

  it("skips and counts the cloze note, and says media files were not imported", () => {
    expect(preview.skipped).toEqual([
      { noteId: "1003", text: expect.stringContaining("{{c1::"), reason: expect.stringContaining("a cloze note") },
    ]);
    expect(preview.warnings).toEqual([
      "1 cloze note skipped",
      "Audio omitted from 1 note",
      "Images omitted from 2 notes",
      "2 media files in the package not imported (Mesa cards are text)",
    ]);
  });

  it("brings each card's answers: ord 0 term -> definition, ord 1 the reverse", () => {
    expect(
      preview.histories.map((h) => [
        h.sourceCardId,
        preview.concepts[h.conceptIndex].term,
        h.kind,
        h.reviews.map((r) => r.grade),
      ]),
    ).toEqual([
      ["2001", "Mesa-optimizer", "TERM_TO_DEFINITION", [3, 3, 3, 4]],
      ["2002", "Mesa-optimizer", "DEFINITION_TO_TERM", [1, 3, 2]],
      ["2003", "Base optimizer", "TERM_TO_DEFINITION", [2, 3, 3]],
    ]);
    expect(preview.histories[0].reviews.map((r) => r.reviewedAt.getTime() - T0)).toEqual([0, 10 * 60_000, DAY, 5 * DAY]);
    expect(preview.histories[0].reviews.map((r) => r.durationMs)).toEqual([5000, 4000, 3000, 2000]);
  });

  it("drops what came before a reset, cramming, manual and rescheduling rows, and caps an absurd answer time", () => {
    const history = preview.histories[2].reviews;
    expect(history.map((r) => (r.reviewedAt.getTime() - T0) / DAY)).toEqual([4, 4 + 10 / (24 * 60), 7]);
    expect(history.map((r) => r.durationMs)).toEqual([9000, 4500, 3_600_000]);
  });
});

describe("readAnkiPackage, scheduler and format details", () => {
  it("shifts v1 learning eases (Again, Good, Easy) to Mesa's four grades, as Anki's upgrade does", () => {
    const preview = readAnkiPackage(buildAnkiPackage(sampleCollection(null), "anki2"));
    expect(preview.histories.map((h) => h.reviews.map((r) => r.grade))).toEqual([
      [4, 4, 3, 4],
      [1, 4, 2],
      [3, 4, 3],
    ]);
  });

  it("writes the latest format as Anki does: meta 08 03, zstd collection in WAL mode, unicase collation, protobuf media list", () => {
    const files = unzipSync(buildAnkiPackage(sampleCollection(), "anki21b", SAMPLE_MEDIA));
    expect([...files.meta]).toEqual([8, 3]);
    const collection = decompress(files["collection.anki21b"]);
    expect(new TextDecoder().decode(collection.subarray(0, 15))).toBe("SQLite format 3");
    expect([collection[18], collection[19]]).toEqual([2, 2]);
    expect(new TextDecoder().decode(collection)).toContain("collate unicase");
    expect(decompress(files["0"])).toEqual(SAMPLE_MEDIA["diagram.png"]);
  });

  it("writes zstd frames that the decoder reads back, across several raw blocks and empty", () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    expect(Buffer.compare(decompress(zstdRawFrame(big)), big)).toBe(0);
    expect(decompress(zstdRawFrame(new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });
});

describe("replaying a package's histories", () => {
  it("gives each imported card the state applying its answers one by one in Mesa gives", () => {
    const preview = readAnkiPackage(buildAnkiPackage(sampleCollection(), "anki21b"));
    const settings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };
    const replayed = replayImportedHistories(preview.histories, settings);
    expect(replayed).toHaveLength(3);
    for (const { history, state, reviews } of replayed) {
      let expected = newSchedulingState(history.reviews[0].reviewedAt);
      for (const answer of history.reviews)
        expected = applyGrade(expected, answer.grade, answer.reviewedAt, settings, history.sourceCardId!).next;
      expect(state).toEqual(expected);
      expect(reviews).toHaveLength(history.reviews.length);
    }
    expect(replayed[0].state).toMatchObject({ state: CardState.Review, reps: 4, lapses: 0 });
    expect(replayed[0].state.lastReview).toEqual(new Date(T0 + 5 * DAY));
  });
});

describe("previewImportFile", () => {
  it("sends packages (by signature or name) to the package reader and text to the text parsers", () => {
    const pkg = buildAnkiPackage(sampleCollection(), "anki21");
    expect(previewImportFile("backup.zip", pkg)).toMatchObject({ format: "anki-package", deckName: "AI Safety" });
    expect(previewImportFile("deck.apkg", new Uint8Array([1, 2, 3]))).toMatchObject({
      format: "anki-package",
      errors: [expect.stringContaining("not a zip archive")],
    });
    const notes = previewImportFile(
      "notes.md",
      new TextEncoder().encode("Corrigibility: accepting correction from overseers.\n"),
    );
    expect(notes).toMatchObject({ format: "notes", concepts: [{ term: "Corrigibility" }] });
    expect(previewImportFile("cards.tsv", new TextEncoder().encode("A\tB\n")).format).toBe("anki-text");
  });
});
