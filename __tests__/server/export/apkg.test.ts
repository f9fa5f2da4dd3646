import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import type { ExportCard, ExportDeck, ExportReview } from "@/lib/export/types";
import { replayImportedHistories } from "@/lib/import/replay-histories";
import { writeApkg } from "@/lib/server/export/apkg";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { cardReplayer } from "@/lib/srs/replay";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const NOW = new Date(T0 + 40 * DAY);
const SETTINGS = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };

const DECK: ExportDeck = {
  slug: "my-notes",
  title: "My notes",
  concepts: [
    {
      id: "cA",
      term: "Mesa-optimizer",
      definition: "A learned model that is itself an optimizer.\n\nSecond paragraph & <b>literal</b> text.",
      tags: ["mesa", "week-1"],
    },
    { id: "cB", term: "Base optimizer", definition: "The optimizer that trained the model.", tags: [] },
    { id: "cC", term: "Never studied", definition: "A concept with new cards only.", tags: ["later"] },
  ],
};

/** Answers per card, replayed through Mesa's scheduler to give the cards their states, as the app would have. */
const ANSWERS: Record<string, [number, 1 | 2 | 3 | 4, number][]> = {
  "card-A1": [
    [0, 3, 5000],
    [10 * MINUTE, 3, 4000],
    [2 * DAY, 3, 3000],
    [9 * DAY, 4, 2000],
  ],
  "card-A2": [
    [MINUTE, 1, 8000],
    [2 * MINUTE, 3, 6000],
    [12 * MINUTE, 3, 6000],
    [3 * DAY, 1, 7000],
  ],
  // Two answers in the same millisecond as another card's: the revlog ids must stay unique.
  "card-B1": [
    [0, 4, 1000],
    [9 * DAY, 3, 1500],
  ],
};
const CARD_KIND: Record<string, [string, ExportCard["kind"]]> = {
  "card-A1": ["cA", "TERM_TO_DEFINITION"],
  "card-A2": ["cA", "DEFINITION_TO_TERM"],
  "card-B1": ["cB", "TERM_TO_DEFINITION"],
};

function fixture() {
  const replay = cardReplayer(SETTINGS);
  const cards: ExportCard[] = [];
  const reviews: ExportReview[] = [];
  for (const [cardId, answers] of Object.entries(ANSWERS)) {
    const result = replay(
      answers.map(([offset, grade, durationMs]) => ({ reviewedAt: new Date(T0 + offset), grade, durationMs })),
      cardId,
    );
    const [conceptId, kind] = CARD_KIND[cardId];
    cards.push({ id: cardId, conceptId, kind, ...result.state, suspended: false });
    result.reviews.forEach(({ snapshot, durationMs }) =>
      reviews.push({ cardId, reviewedAt: snapshot.reviewedAt, grade: snapshot.grade, stateBefore: snapshot.state, durationMs }),
    );
  }
  return { cards, reviews };
}

describe("writeApkg", () => {
  const { cards, reviews } = fixture();
  const bytes = writeApkg({ deck: DECK, cards, reviews, now: NOW, utcOffsetMinutesWest: 0 });

  it("reads back through the package importer: concepts, tags and every review survive", () => {
    const preview = readAnkiPackage(bytes);
    expect(preview.errors).toEqual([]);
    expect(preview.deckName).toBe("My notes");
    expect(preview.concepts.map((c) => ({ term: c.term, definition: c.definition, tags: c.tags, guid: c.guid }))).toEqual(
      DECK.concepts.map((c) => ({ term: c.term, definition: c.definition, tags: c.tags, guid: `mesa:${c.id}` })),
    );
    const back = preview.histories.map((h) => ({
      concept: DECK.concepts[h.conceptIndex].id,
      kind: h.kind,
      reviews: h.reviews.map((r) => [r.reviewedAt.getTime(), r.grade, r.durationMs]),
    }));
    const sent = Object.entries(ANSWERS).map(([cardId, answers]) => ({
      concept: CARD_KIND[cardId][0],
      kind: CARD_KIND[cardId][1],
      reviews: answers.map(([offset, grade, duration]) => [T0 + offset, grade, duration]),
    }));
    // card-B1's answers share their milliseconds with card-A1's: they moved one ms on.
    sent[2].reviews[0][0] = T0 + 1;
    sent[2].reviews[1][0] = T0 + 9 * DAY + 1;
    expect(back).toEqual(sent);
  });

  it("replays to the same memory state the cards had in Mesa", () => {
    const idOf = (conceptIndex: number, kind: string) =>
      Object.keys(CARD_KIND).find((id) => CARD_KIND[id][0] === DECK.concepts[conceptIndex].id && CARD_KIND[id][1] === kind)!;
    const replayed = replayImportedHistories(readAnkiPackage(bytes).histories, SETTINGS, (h) => idOf(h.conceptIndex, h.kind));
    expect(replayed).toHaveLength(3);
    for (const { history, state } of replayed) {
      const id = idOf(history.conceptIndex, history.kind);
      const { id: _id, conceptId: _c, kind: _k, suspended: _s, ...original } = cards.find((card) => card.id === id)!;
      // card-B1's answers moved by one ms (unique revlog ids): its dates move with them, its memory state does not.
      if (id === "card-B1") {
        expect(state.stability).toBeCloseTo(original.stability, 8);
        expect(state.due.getTime() - original.due.getTime()).toBe(1);
      } else expect(state).toEqual(original);
    }
  });

  it("writes a schema-11 collection Anki can schedule: schedVer 2, two cards per note, review cards due in days from crt", () => {
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(["collection.anki2", "media"]);
    const db = new Database(Buffer.from(files["collection.anki2"]), { readonly: true });
    try {
      const col = db.prepare("select crt, ver, conf from col").get() as { crt: number; ver: number; conf: string };
      expect(col.ver).toBe(11);
      expect(JSON.parse(col.conf)).toMatchObject({ schedVer: 2, creationOffset: 0 });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const rows = db.prepare("select ord, type, queue, due, ivl, reps, lapses, data from cards order by nid, ord").all() as {
        ord: number;
        type: number;
        queue: number;
        due: number;
        ivl: number;
        reps: number;
        lapses: number;
        data: string;
      }[];
      expect(rows.map((r) => [r.ord, r.type, r.queue])).toEqual([
        [0, 2, 2],
        [1, 3, 1],
        [0, 2, 2],
        [1, 0, 0],
        [0, 0, 0],
        [1, 0, 0],
      ]);
      const a1 = cards.find((c) => c.id === "card-A1")!;
      expect(rows[0].due).toBe(Math.floor((a1.due.getTime() - col.crt * 1000) / DAY));
      expect(rows[0]).toMatchObject({ ivl: a1.scheduledDays, reps: 4, lapses: 0 });
      expect(JSON.parse(rows[0].data)).toEqual({
        s: Number(a1.stability.toFixed(4)),
        d: Number(a1.difficulty.toFixed(4)),
        lrt: Math.floor(a1.lastReview!.getTime() / 1000),
      });
      expect(rows[1].due).toBe(Math.floor(cards.find((c) => c.id === "card-A2")!.due.getTime() / 1000));
      const types = db.prepare("select type from revlog order by id").all() as { type: number }[];
      expect(types.map((t) => t.type)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    } finally {
      db.close();
    }
  });
});
