import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, isPostgresUrl, prepareDatabaseFile } from "./lib/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter() {
    const url = databaseUrl();
    // The CLI's migrate commands fail through adapter-pg; PostgreSQL has a runner of its own.
    if (isPostgresUrl(url)) {
      throw new Error("DATABASE_URL is a PostgreSQL URL: migrate it with npm run db:setup (scripts/pg-migrate.ts)");
    }
    prepareDatabaseFile(url);
    return Promise.resolve(new PrismaBetterSQLite3({ url }));
  },
});
