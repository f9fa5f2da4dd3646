import Database from "better-sqlite3";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { iso, random } from "./seeded";

/*
 * A heavy user for the benchmark, written straight into a migrated SQLite file with better-sqlite3
 * in one transaction (through Prisma it would take minutes): four imported decks of 2,500 concepts
 * (20,000 cards), studied for two years at about twenty new cards a day, with 500,000 review logs
 * over those two years (days off included), a spread of intervals and due dates, a few learning
 * and suspended cards, and some reviews already done today.
 *
 * Dates are written as the Prisma adapter writes them (ISO text with "+00:00"), booleans as 0/1.
 */

export const LARGE_DECKS = 4;
export const LARGE_CONCEPTS_PER_DECK = 2500;
export const LARGE_LOGS = 500_000;
const HISTORY_DAYS = 730;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Concepts studied in each deck, in rank order: the last deck is a recent import, not started. */
const STUDIED_CONCEPTS = [2500, 2500, 2000, 0];
/** When each deck was enrolled, in days before now. */
const ENROLLED_DAYS_AGO = [730, 500, 250, 20];

export interface LargeUserReport {
  cards: number;
  logs: number;
  dueReviews: number;
  learning: number;
  newCards: number;
  logsToday: number;
}

/**
 * Adds the decks, cards and history to an existing user (already signed up through the app);
 * `logs` review logs over the two years (LARGE_LOGS unless told).
 */
export function buildLargeUser(file: string, userId: string, now: number, logs = LARGE_LOGS): LargeUserReport {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const rand = random(20261129);
  const stamp = iso(now);

  const insertDeck = db.prepare(
    `INSERT INTO "Deck" ("id", "slug", "title", "description", "sourceTitle", "sourceUrl", "ownerId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEnrolment = db.prepare(`INSERT INTO "Enrolment" ("userId", "deckId", "createdAt") VALUES (?, ?, ?)`);
  const insertConcept = db.prepare(
    `INSERT INTO "Concept" ("id", "deckId", "slug", "position", "rank", "term", "definition", "aliases", "examples", "prerequisites", "sourceLocator", "tags", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCard = db.prepare(
    `INSERT INTO "Card" ("id", "userId", "conceptId", "deckId", "kind", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "rank", "suspended", "version", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLog = db.prepare(
    `INSERT INTO "ReviewLog" ("id", "cardId", "userId", "grade", "state", "due", "lastReview", "stability", "difficulty", "scheduledDays", "learningSteps", "elapsedDays", "reviewedAt", "durationMs", "clientId")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const report: LargeUserReport = { cards: 0, logs: 0, dueReviews: 0, learning: 0, newCards: 0, logsToday: 0 };
  const studiedCards: string[] = [];
  const dayEnd = now + DAY_MS;

  const deckIds: string[] = [];
  db.transaction(() => {
    for (let d = 0; d < LARGE_DECKS; d++) {
      const deckId = `bench-large-deck-${d}`;
      insertDeck.run(
        deckId,
        `imported-${d + 1}`,
        `Imported deck ${d + 1}`,
        "A large imported deck.",
        "Bench source",
        "https://example.invalid/bench",
        userId,
        stamp,
        stamp,
      );
      insertEnrolment.run(userId, deckId, iso(now - ENROLLED_DAYS_AGO[d] * DAY_MS));
      deckIds.push(deckId);
      const concepts = Array.from({ length: LARGE_CONCEPTS_PER_DECK }, (_, i) => {
        // Mostly earlier prerequisites, and one in ten pointing forward (listed after it).
        const requires = [i - 1, i - 5, i % 10 === 0 ? i + 3 : -1].filter((j) => j >= 0 && j < LARGE_CONCEPTS_PER_DECK);
        return { slug: `c-${i}`, prerequisites: requires.map((j) => `c-${j}`) };
      });
      const ranks = rankConcepts(concepts);
      concepts.forEach((concept, i) => {
        const conceptId = `${deckId}-concept-${i}`;
        const rank = ranks[i];
        insertConcept.run(
          conceptId,
          deckId,
          concept.slug,
          i,
          rank,
          `Imported term ${d + 1}.${i}`,
          `The definition of imported term ${d + 1}.${i}: a sentence or two, about as long as a real card's answer.`,
          JSON.stringify([`alias ${i}`]),
          JSON.stringify([`An example for term ${i}.`]),
          JSON.stringify(concept.prerequisites),
          `Chapter ${Math.ceil((i + 1) / 50)}`,
          JSON.stringify(["imported"]),
          stamp,
          stamp,
        );
        const studied = rank < STUDIED_CONCEPTS[d];
        for (const kind of ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"]) {
          const cardId = `${conceptId}-${kind === "TERM_TO_DEFINITION" ? "t" : "d"}`;
          report.cards++;
          if (!studied) {
            report.newCards++;
            insertCard.run(cardId, userId, conceptId, deckId, kind, stamp, 0, 0, 0, 0, 0, 0, 0, null, rank, 0, 0, stamp);
            continue;
          }
          studiedCards.push(cardId);
          const r = rand();
          if (r < 0.0015) {
            // A learning card: due a few minutes ago or later today.
            report.learning++;
            const due = now + (rand() < 0.5 ? -5 : 25) * 60_000;
            insertCard.run(
              cardId,
              userId,
              conceptId,
              deckId,
              kind,
              iso(due),
              2,
              6,
              0,
              1,
              3,
              1,
              3,
              iso(now - 10 * 60_000),
              rank,
              0,
              4,
              stamp,
            );
            continue;
          }
          // A review card: stability from days to years; last reviewed somewhere within its interval.
          const stability = Math.exp(Math.log(4) + rand() * Math.log(300));
          const interval = Math.max(1, Math.round(stability));
          const lastReview = now - rand() * 1.01 * interval * DAY_MS;
          const due = lastReview + interval * DAY_MS;
          if (due < dayEnd) report.dueReviews++;
          const suspended = rand() < 0.004 ? 1 : 0;
          insertCard.run(
            cardId,
            userId,
            conceptId,
            deckId,
            kind,
            iso(due),
            stability,
            3 + rand() * 5,
            interval,
            0,
            6,
            rand() < 0.2 ? 1 : 0,
            2,
            iso(lastReview),
            rank,
            suspended,
            8,
            stamp,
          );
        }
      });
    }

    // Two years of reviews: most days studied (about one in seven skipped, in runs), some today.
    const studyDays: number[] = [];
    let skipping = 0;
    for (let day = HISTORY_DAYS; day >= 1; day--) {
      if (skipping > 0) skipping--;
      else if (rand() < 0.05) skipping = 1 + Math.floor(rand() * 5);
      else studyDays.push(day);
    }
    const today = 60;
    const perDay = Math.floor((logs - today) / studyDays.length);
    // What the division leaves over goes to the most recent days, so today has exactly `today`.
    const extra = logs - today - perDay * studyDays.length;
    // Ids in insertion order: random ones make every index insert land on a random page (slow).
    const logRow = (cardId: string, reviewedAt: number, state: number) => {
      const id = `bench-log-${String(report.logs).padStart(7, "0")}`;
      const at = iso(reviewedAt);
      insertLog.run(
        id,
        cardId,
        userId,
        rand() < 0.1 ? 1 : 3,
        state,
        at,
        iso(reviewedAt - 10 * DAY_MS),
        20,
        5,
        10,
        0,
        10,
        at,
        8000,
        id,
      );
      report.logs++;
    };
    for (const [n, day] of studyDays.entries()) {
      // A morning session, and an evening one on some days, in UTC.
      const start = now - day * DAY_MS - ((now % DAY_MS) - 7 * 3600_000);
      const evening = rand() < 0.4;
      const count = perDay + (n >= studyDays.length - extra ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const at = evening && i > count / 2 ? start + 12 * 3600_000 + (i - count / 2) * 6000 : start + i * 6000;
        logRow(studiedCards[Math.floor(rand() * studiedCards.length)], at, 2);
      }
    }
    // Today's reviews, in the last hour (the user's study day starts at 04:00 UTC; before that hour
    // of the day they count for yesterday, which changes nothing here).
    for (let i = 0; i < today; i++) {
      logRow(studiedCards[Math.floor(rand() * studiedCards.length)], now - (today - i) * 30_000, 2);
      report.logsToday++;
    }
    // The full-text index the card browser searches, as the app's write path keeps it (lib/server/concept-search.ts).
    db.prepare(
      `INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
       SELECT "term", "aliases", "definition", "examples", "id", '' FROM "Concept" WHERE "deckId" IN (SELECT "value" FROM json_each(?))`,
    ).run(JSON.stringify(deckIds));
  })();
  db.close();
  return report;
}
