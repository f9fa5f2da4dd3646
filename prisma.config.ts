import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl, prepareDatabaseFile } from "./lib/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter() {
    const url = databaseUrl();
    prepareDatabaseFile(url);
    return Promise.resolve(new PrismaBetterSQLite3({ url }));
  },
});
