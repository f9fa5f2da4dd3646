import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { checksumOf, copyDatabase, formatReport, schemaOf, type Table } from "../../scripts/db-copy";
import { createScratchDatabase, dropScratchDatabase, PG_URL } from "../helpers/pg";

/*
 * scripts/db-copy.ts against a real PostgreSQL server: an SQLite installation with rows in every
 * table goes to PostgreSQL and back, and comes back identical. Needs MESA_TEST_DB=postgres and
 * MESA_PG_URL (scripts/pg-cluster.sh start); skipped otherwise.
 */
const describeWithPg = PG_URL && process.env.MESA_TEST_DB === "postgres" ? describe : describe.skip;

const T0 = Date.UTC(2026, 11, 1, 9, 30, 15, 123);
/** An instant as the app's SQLite adapter stores it. */
function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString().replace("Z", "+00:00");
}

function insert(db: Database.Database, table: string, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  ).run(...Object.values(row));
}

/** A installation with rows in every table, written with plain SQL as the app's adapter writes them. */
function fillSqlite(file: string): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const user = (id: string, username: string, extra: Record<string, unknown>) =>
        insert(db, "User", {
          id,
          username,
          usernameKey: username.toLowerCase(),
          passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${id}`,
          createdAt: at(0),
          ...extra,
        });
      user("user_owner", "Ada", { desiredRetention: 0.1 + 0.2, enableFuzz: 0, fsrsWeights: "[0.212,1.2931,2.3065]" });
      insert(db, "Invite", {
        id: "invite_1",
        codeHash: "hash-of-code",
        createdById: "user_owner",
        createdAt: at(1),
        expiresAt: at(60 * 24 * 7),
        maxUses: 3,
        revokedAt: null,
      });
      // Joined through the invite: User and Invite point at each other.
      user("user_guest", "Émile", { inviteId: "invite_1", dailyGoalChosenAt: at(5), fsrsFittedAt: at(6) });
      insert(db, "Session", { id: "session_1", userId: "user_owner", createdAt: at(2), lastSeenAt: at(3), userAgent: "Firefox" });
      insert(db, "Session", {
        id: "session_2",
        userId: "user_guest",
        createdAt: at(7),
        lastSeenAt: at(8),
        revokedAt: at(9),
      });
      insert(db, "Deck", {
        id: "deck_builtin",
        slug: "core",
        title: "Core concepts",
        ownerId: null,
        createdAt: at(0),
        updatedAt: at(0),
        enrolByDefault: 1,
      });
      insert(db, "Deck", {
        id: "deck_own",
        slug: "my-notes",
        title: "My notes",
        description: "Own deck",
        ownerId: "user_owner",
        createdAt: at(10),
        updatedAt: at(11),
      });
      insert(db, "InviteDeck", { inviteId: "invite_1", deckId: "deck_own" });
      insert(db, "Enrolment", { userId: "user_owner", deckId: "deck_own", createdAt: at(10) });
      insert(db, "Enrolment", { userId: "user_guest", deckId: "deck_builtin", createdAt: at(12), stoppedAt: at(13) });
      insert(db, "Concept", {
        id: "concept_reward",
        deckId: "deck_builtin",
        slug: "reward-hacking",
        position: 1,
        term: "Reward hacking",
        definition: "Exploiting flaws in a reward signal.",
        aliases: JSON.stringify(["specification gaming"]),
        tags: JSON.stringify(["alignment"]),
        createdAt: at(0),
        updatedAt: at(0),
      });
      insert(db, "Concept", {
        id: "concept_gradient",
        deckId: "deck_own",
        slug: "gradient-hacking",
        position: 1,
        rank: 2,
        term: "Gradient hacking",
        definition: "A model steering its own training.",
        examples: JSON.stringify(['A "deceptive" mesa-optimiser']),
        createdAt: at(10),
        updatedAt: at(14),
        retiredAt: null,
      });
      insert(db, "ConceptOverride", {
        id: "override_1",
        userId: "user_guest",
        conceptId: "concept_reward",
        definition: "Getting reward without the intended behaviour (my wording: zebrafish).",
        originalHash: "abc123",
        originalChangeSeenAt: at(20),
        createdAt: at(15),
        updatedAt: at(16),
      });
      insert(db, "Card", {
        id: "card_1",
        userId: "user_owner",
        conceptId: "concept_gradient",
        deckId: "deck_own",
        kind: "definition",
        due: at(60 * 24 * 3),
        stability: 3.173203465192131,
        difficulty: 5.282434422319,
        scheduledDays: 3,
        reps: 2,
        state: 2,
        lastReview: at(30),
        suspended: 1,
        buriedUntil: at(40),
        version: 2,
        createdAt: at(10),
      });
      insert(db, "Card", {
        id: "card_2",
        userId: "user_guest",
        conceptId: "concept_reward",
        deckId: "deck_builtin",
        kind: "term",
        due: at(12),
        createdAt: at(12),
      });
      const log = (id: string, minutes: number, extra: Record<string, unknown>) =>
        insert(db, "ReviewLog", {
          id,
          cardId: "card_1",
          userId: "user_owner",
          grade: 3,
          state: 1,
          due: at(minutes),
          lastReview: null,
          stability: 1 / 3,
          difficulty: 5.123456789012345e-7,
          scheduledDays: 1,
          learningSteps: 0,
          elapsedDays: 0,
          reviewedAt: at(minutes),
          durationMs: 4200,
          clientId: `client_${id}`,
          ...extra,
        });
      log("log_1", 20, {});
      log("log_2", 30, { grade: 1, lastReview: at(20), batchId: "batch_1" });
      log("log_undone", 31, { grade: 4, undoneAt: at(32) });
      insert(db, "ExtraNewCards", {
        id: "extra_1",
        userId: "user_owner",
        studyDay: "2026-12-01",
        cards: 5,
        clientId: "client_extra",
        createdAt: at(33),
      });
      insert(db, "Quiz", {
        id: "quiz_1",
        userId: "user_owner",
        seed: 2147483647,
        scope: JSON.stringify({ deckIds: ["deck_own"] }),
        modes: JSON.stringify(["mc"]),
        length: 1,
        createdAt: at(40),
        finishedAt: at(41),
      });
      insert(db, "QuizQuestion", {
        id: "question_1",
        quizId: "quiz_1",
        userId: "user_owner",
        index: 0,
        mode: "mc",
        conceptId: "concept_gradient",
        question: JSON.stringify({ options: ["concept_gradient", "concept_reward"] }),
        askedAt: at(40),
      });
      insert(db, "QuizAttempt", {
        id: "attempt_1",
        userId: "user_owner",
        questionId: "question_1",
        conceptId: "concept_gradient",
        mode: "mc",
        correct: 0,
        chosenConceptId: "concept_reward",
        typed: null,
        durationMs: 9000,
        answeredAt: at(41),
      });
      // The index as the app keeps it: the concepts' own text and the guest's wording.
      db.exec(`
        INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
        SELECT "term", "aliases", "definition", "examples", "id", '' FROM "Concept";
        INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
        SELECT c."term", c."aliases", o."definition", c."examples", c."id", o."userId"
        FROM "ConceptOverride" o JOIN "Concept" c ON c."id" = o."conceptId";`);
    })();
  } finally {
    db.close();
  }
}

/** Every row of every data table, in primary-key order, as stored. */
function dumpSqlite(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const dump: Record<string, unknown[]> = {};
    for (const table of schemaOf(db)) {
      dump[table.name] = db
        .prepare(`SELECT * FROM "${table.name}" ORDER BY ${table.primaryKey.map((c) => `"${c}"`).join(", ")}`)
        .all();
    }
    return dump;
  } finally {
    db.close();
  }
}

async function pgQuery<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("db:copy's schema and checksums", () => {
  it("orders the tables so every foreign key points at a table already copied, deferring User.inviteId", () => {
    const template = process.env.MESA_TEST_TEMPLATE_DB;
    if (!template) throw new Error("MESA_TEST_TEMPLATE_DB is not set: run the tests through jest (global setup)");
    const db = new Database(template, { readonly: true });
    try {
      const tables = schemaOf(db);
      const names = tables.map((t) => t.name);
      expect(names).not.toContain("ConceptSearch");
      expect(names).not.toContain("_prisma_migrations");
      for (const model of ["User", "Invite", "InviteDeck", "Session", "Deck", "Enrolment", "Concept", "ConceptOverride"]) {
        expect(names).toContain(model);
      }
      expect(tables.find((t) => t.name === "User")!.deferred).toEqual(["inviteId"]);
      expect(tables.find((t) => t.name === "InviteDeck")!.primaryKey).toEqual(["inviteId", "deckId"]);
      for (const table of tables) {
        const keys = db.pragma(`foreign_key_list("${table.name}")`) as { table: string; from: string }[];
        for (const key of keys) {
          if (key.table === table.name || table.deferred.includes(key.from)) continue;
          expect([table.name, key.table, names.indexOf(key.table) < names.indexOf(table.name)]).toEqual([
            table.name,
            key.table,
            true,
          ]);
        }
      }
    } finally {
      db.close();
    }
  });

  it("checksums rows in key order, booleans as 0/1 and instants as ms, and sees a one-bit float change", () => {
    const table: Table = {
      name: "T",
      columns: [
        { name: "id", type: "text", notNull: true },
        { name: "at", type: "datetime", notNull: false },
        { name: "flag", type: "boolean", notNull: true },
        { name: "x", type: "float", notNull: true },
      ],
      primaryKey: ["id"],
      deferred: [],
    };
    const a = ["a", T0, true, 0.1 + 0.2];
    const b = ["b", null, false, 1 / 3];
    expect(checksumOf(table, [a, b])).toBe(checksumOf(table, [b, a]));
    expect(checksumOf(table, [a, b])).not.toBe(checksumOf(table, [["a", T0 + 1, true, 0.1 + 0.2], b]));
    expect(checksumOf(table, [a, b])).not.toBe(checksumOf(table, [["a", T0, true, 0.30000000000000004 + Number.EPSILON], b]));
    expect(checksumOf(table, [a, b])).not.toBe(checksumOf(table, [["a", T0, false, 0.1 + 0.2], b]));
    expect(checksumOf(table, [a])).not.toBe(checksumOf(table, [a, b]));
  });
});

describeWithPg("npm run db:copy (scripts/db-copy.ts)", () => {
  const server = PG_URL as string;
  const made: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-db-copy-"));
  const sourceFile = path.join(dir, "source.db");
  const backFile = path.join(dir, "back.db");
  let pgUrl = "";

  beforeAll(async () => {
    const template = process.env.MESA_TEST_TEMPLATE_DB;
    if (!template) throw new Error("MESA_TEST_TEMPLATE_DB is not set: run the tests through jest (global setup)");
    fs.copyFileSync(template, sourceFile);
    fillSqlite(sourceFile);
    const scratch = await createScratchDatabase(server, "mesa_db_copy");
    made.push(scratch.name);
    pgUrl = scratch.url;
  });

  afterAll(async () => {
    for (const name of made) await dropScratchDatabase(server, name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies SQLite to PostgreSQL and back, every row of every table unchanged", async () => {
    const original = dumpSqlite(sourceFile);
    for (const [table, rows] of Object.entries(original)) expect([table, rows.length > 0]).toEqual([table, true]);

    const there = await copyDatabase(`file:${sourceFile}`, pgUrl);
    expect(there.ok).toBe(true);
    expect(formatReport(there)).not.toMatch(/DIFFERENT/);
    const counts = Object.fromEntries(there.tables.map((t) => [t.table, t.targetRows]));
    expect(counts).toMatchObject({ User: 2, Invite: 1, Session: 2, Deck: 2, Concept: 2, ReviewLog: 3, ConceptSearch: 3 });

    // Values on PostgreSQL are typed: instants, booleans and floats exact.
    const [card] = await pgQuery<{ suspended: boolean; stability: number; due: Date; buriedUntil: Date }>(
      pgUrl,
      `SELECT "suspended", "stability", "due", "buriedUntil" FROM "Card" WHERE "id" = 'card_1'`,
    );
    expect(card).toEqual({
      suspended: true,
      stability: 3.173203465192131,
      due: new Date(T0 + 3 * 24 * 60 * 60_000),
      buriedUntil: new Date(T0 + 40 * 60_000),
    });
    const [owner] = await pgQuery<{ desiredRetention: number; enableFuzz: boolean }>(
      pgUrl,
      `SELECT "desiredRetention", "enableFuzz" FROM "User" WHERE "id" = 'user_owner'`,
    );
    expect(owner).toEqual({ desiredRetention: 0.1 + 0.2, enableFuzz: false });
    const [undone] = await pgQuery<{ undoneAt: Date; difficulty: number }>(
      pgUrl,
      `SELECT "undoneAt", "difficulty" FROM "ReviewLog" WHERE "id" = 'log_undone'`,
    );
    expect(undone).toEqual({ undoneAt: new Date(T0 + 32 * 60_000), difficulty: 5.123456789012345e-7 });

    const back = await copyDatabase(pgUrl, `file:${backFile}`);
    expect(back.ok).toBe(true);
    expect(dumpSqlite(backFile)).toEqual(original);
  }, 240_000);

  it("rebuilds the search index on both copies, own text and a user's wording", async () => {
    const pgHits = await pgQuery<{ conceptId: string; userId: string }>(
      pgUrl,
      `SELECT "conceptId", "userId" FROM "ConceptSearch" WHERE "document" @@ to_tsquery('simple', unaccent($1)) ORDER BY 1, 2`,
      ["zebrafish | gradient:*"],
    );
    expect(pgHits).toEqual([
      { conceptId: "concept_gradient", userId: "" },
      { conceptId: "concept_reward", userId: "user_guest" },
    ]);
    const db = new Database(backFile, { readonly: true });
    try {
      const sqliteHits = db
        .prepare(`SELECT "conceptId", "userId" FROM "ConceptSearch" WHERE "ConceptSearch" MATCH ? ORDER BY 1, 2`)
        .all("zebrafish OR gradient*");
      expect(sqliteHits).toEqual(pgHits);
    } finally {
      db.close();
    }
  });

  it("refuses a target that holds rows, and changes nothing in it", async () => {
    const pgBefore = await pgQuery<{ n: string }>(pgUrl, `SELECT count(*) AS n FROM "ReviewLog"`);
    await expect(copyDatabase(`file:${sourceFile}`, pgUrl)).rejects.toThrow(/target database is not empty/);
    expect(await pgQuery<{ n: string }>(pgUrl, `SELECT count(*) AS n FROM "ReviewLog"`)).toEqual(pgBefore);

    const sqliteBefore = dumpSqlite(backFile);
    await expect(copyDatabase(pgUrl, `file:${backFile}`)).rejects.toThrow(/target database is not empty \(rows in .*User/);
    expect(dumpSqlite(backFile)).toEqual(sqliteBefore);
  }, 240_000);

  it("refuses two databases of the same kind and a URL that is neither", async () => {
    await expect(copyDatabase(`file:${sourceFile}`, `file:${path.join(dir, "other.db")}`)).rejects.toThrow(
      /both databases are SQLite/,
    );
    await expect(copyDatabase("mysql://x", pgUrl)).rejects.toThrow(/not a database URL/);
  });
});
