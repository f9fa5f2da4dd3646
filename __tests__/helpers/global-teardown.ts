import { Client } from "pg";
import { dropScratchDatabase } from "./pg";

/** Drops this run's PostgreSQL template and every test database copied from it. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.MESA_PG_URL;
  const template = process.env.MESA_TEST_TEMPLATE_PG;
  if (!server || !template) return;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  let names: string[];
  try {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${template}%`,
    ]);
    names = rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
  for (const name of names) await dropScratchDatabase(server, name);
}
