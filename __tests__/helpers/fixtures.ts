import type { Card, ReviewLog, User } from "@/lib/generated/prisma/client";
import { read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { UserError } from "@/lib/server/errors";
import { createUser } from "@/lib/server/users";
import { SCHEDULING_FIELDS, type SchedulingState } from "@/lib/srs/card";
import { readBuiltInDeckFiles } from "@/prisma/seed";

/*
 * Shared set-up for DAL tests. Import only after `useTestDatabase()` has pointed DATABASE_URL at a
 * fresh copy (lib/server/db.ts opens the database lazily, on first use).
 */

export const PASSWORD = "correct horse battery staple";

export async function seedBuiltIn(now: Date) {
  return seedBuiltInDecks(readBuiltInDeckFiles(), now);
}

/**
 * A deck file with its links to other decks ("deck/slug" in `confusable:` and `requires:`) taken
 * out, everything else as written: for tests that load one built-in deck alone, since the seed
 * refuses a deck whose links name a deck it was not given.
 */
export function withoutLinksToOtherDecks(file: { name: string; text: string }): { name: string; text: string } {
  const lines = file.text.split("\n").flatMap((line) => {
    const field = /^- (confusable|requires): (.*)$/.exec(line);
    if (!field) return [line];
    const kept = field[2]
      .split(",")
      .map((ref) => ref.trim())
      .filter((ref) => ref !== "" && !ref.includes("/"));
    return kept.length > 0 ? [`- ${field[1]}: ${kept.join(", ")}`] : [];
  });
  return { name: file.name, text: lines.join("\n") };
}

/** A user enrolled in the built-in decks, with fuzz off so intervals are reproducible. */
export async function newUser(username: string, now: Date, options: { timeZone?: string; fuzz?: boolean } = {}): Promise<User> {
  const user = await createUser({ username, password: PASSWORD, timeZone: options.timeZone ?? "UTC" }, now);
  // There is no settings DAL yet; tests set the column directly.
  return write((tx) => tx.user.update({ where: { id: user.id }, data: { enableFuzz: options.fuzz ?? false } }));
}

/** A user's cards in deck order (concept position, then term->definition before definition->term). */
export async function cardsOf(userId: string) {
  return read((db) =>
    db.card.findMany({
      where: { userId },
      include: { concept: true },
      orderBy: [{ concept: { position: "asc" } }, { kind: "desc" }],
    }),
  );
}

export async function cardRow(id: string): Promise<Card | null> {
  return read((db) => db.card.findUnique({ where: { id } }));
}

export async function logsOfCard(cardId: string): Promise<ReviewLog[]> {
  return read((db) => db.reviewLog.findMany({ where: { cardId }, orderBy: { reviewedAt: "asc" } }));
}

export async function countRows() {
  return read(async (db) => ({
    users: await db.user.count(),
    decks: await db.deck.count(),
    concepts: await db.concept.count(),
    cards: await db.card.count(),
    logs: await db.reviewLog.count(),
    enrolments: await db.enrolment.count(),
  }));
}

let counter = 0;
/** A client id in the format GradeInputSchema accepts, unique within a test file. */
export function newClientId(label = "grade"): string {
  counter += 1;
  return `${label}-${String(counter).padStart(6, "0")}`;
}

export { SCHEDULING_FIELDS };

/** The scheduling fields as comparable values (dates as ISO strings), for field-by-field equality. */
export function schedulingFieldsOf(row: Pick<Card, keyof SchedulingState> | SchedulingState): Record<string, unknown> {
  return Object.fromEntries(
    SCHEDULING_FIELDS.map((field) => {
      const value = row[field];
      return [field, value instanceof Date ? value.toISOString() : value];
    }),
  );
}

/** Awaits a call that must be refused with a UserError of this code, and returns the error. */
export async function expectUserError(promise: Promise<unknown>, code: UserError["code"]): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}
