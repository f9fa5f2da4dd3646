/*
 * Applies the PostgreSQL migrations (prisma/postgres/migrations/<name>/migration.sql) to
 * DATABASE_URL: `prisma migrate deploy` cannot, through the wasm engine and adapter-pg (it fails
 * reading Postgres's `name` type). Each pending migration runs in its own transaction and is
 * recorded with a checksum of its SQL in "_mesa_migrations"; an applied migration whose file has
 * changed stops the run, as does one recorded but missing. A session advisory lock makes a second
 * app server starting at the same moment wait, then find nothing left to apply.
 *
 *   DATABASE_URL=postgresql://... tsx scripts/pg-migrate.ts
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";

export const POSTGRES_MIGRATIONS = path.join(__dirname, "../prisma/postgres/migrations");

/** Any fixed number, the same in every process: the key of the migration lock. */
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** The migrations in a folder, in name (timestamp) order. */
export function migrationsIn(dir: string = POSTGRES_MIGRATIONS): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Brings the database at `url` up to date with the migrations in `dir`. */
export async function migratePostgres(url: string, dir: string = POSTGRES_MIGRATIONS): Promise<MigrateResult> {
  const migrations = migrationsIn(dir);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "_mesa_migrations" (
        "name" TEXT PRIMARY KEY,
        "checksum" TEXT NOT NULL,
        "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ name: string; checksum: string }>(
        `SELECT "name", "checksum" FROM "_mesa_migrations" ORDER BY "name"`,
      );
      const recorded = new Map(rows.map((row) => [row.name, row.checksum]));
      const known = new Set(migrations.map((m) => m.name));
      for (const name of recorded.keys()) {
        if (!known.has(name)) throw new Error(`migration ${name} was applied to this database but is not in ${dir}`);
      }
      const result: MigrateResult = { applied: [], alreadyApplied: [] };
      for (const migration of migrations) {
        const checksum = recorded.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(
              `migration ${migration.name} was changed after it was applied (checksum ${checksum.slice(0, 12)}, now ${migration.checksum.slice(0, 12)}): write a new migration instead`,
            );
          }
          result.alreadyApplied.push(migration.name);
          continue;
        }
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(`INSERT INTO "_mesa_migrations" ("name", "checksum") VALUES ($1, $2)`, [
            migration.name,
            migration.checksum,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        result.applied.push(migration.name);
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write("DATABASE_URL must be a postgresql:// URL\n");
    process.exit(2);
  }
  const { applied, alreadyApplied } = await migratePostgres(url);
  process.stdout.write(
    applied.length === 0
      ? `PostgreSQL schema up to date (${alreadyApplied.length} migrations applied before)\n`
      : `Applied ${applied.length} PostgreSQL migration(s): ${applied.join(", ")}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
