import "server-only";
import { read } from "./db";
import { num, type SqlNumber } from "./raw-rows";

export interface HealthReport {
  database: "ok";
  migrations: number;
}

/** Proves the database answers, and how many migrations it has applied. */
export async function getHealth(): Promise<HealthReport> {
  const rows = await read(
    (db) =>
      db.$queryRaw<{ count: SqlNumber }[]>`
      SELECT COUNT(*) AS count FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return { database: "ok", migrations: num(rows[0]?.count ?? null) };
}
