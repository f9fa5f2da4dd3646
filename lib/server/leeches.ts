import "server-only";
import type { LeechListDTO } from "@/lib/types/leeches";
import { read } from "./db";
import { NotFoundError } from "./errors";

const SHOWN = 10;

/**
 * The acting user's leeches: cards of decks they study (concepts not retired) whose lapses reached
 * their leech threshold. The mark follows the lapses, so raising the threshold clears it and a
 * reset (which zeroes the lapses) takes the card off the list.
 */
export async function listLeeches(userId: string): Promise<LeechListDTO> {
  return read(async (db) => {
    const user = await db.user.findUnique({ where: { id: userId }, select: { leechThreshold: true } });
    if (!user) throw new NotFoundError("User");
    const where = {
      userId,
      lapses: { gte: user.leechThreshold },
      concept: { retiredAt: null },
      deck: { enrolments: { some: { userId, stoppedAt: null } } },
    };
    const [rows, total] = await Promise.all([
      db.card.findMany({
        where,
        select: { id: true, kind: true, lapses: true, suspended: true, concept: { select: { term: true } } },
        orderBy: [{ lapses: "desc" }, { id: "asc" }],
        take: SHOWN,
      }),
      db.card.count({ where }),
    ]);
    return {
      threshold: user.leechThreshold,
      total,
      leeches: rows.map((row) => ({
        cardId: row.id,
        term: row.concept.term,
        kind: row.kind,
        lapses: row.lapses,
        suspended: row.suspended,
      })),
    };
  });
}
