import "server-only";
import { read } from "./db";
import { num, type SqlNumber } from "./raw-rows";
import { dialect } from "./sql-dialect";

export interface HealthReport {
  database: "ok";
  migrations: number;
}

/**
 * Proves the database answers, and how many migrations it has applied: Prisma's record on SQLite,
 * scripts/pg-migrate.ts's on PostgreSQL.
 */
export async function getHealth(): Promise<HealthReport> {
  const rows = await read((db) =>
    dialect() === "postgresql"
      ? db.$queryRaw<{ count: SqlNumber }[]>`SELECT COUNT(*) AS count FROM "_mesa_migrations"`
      : db.$queryRaw<{ count: SqlNumber }[]>`
      SELECT COUNT(*) AS count FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return { database: "ok", migrations: num(rows[0]?.count ?? null) };
}
