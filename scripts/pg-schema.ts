/*
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one model of the data.
 * Prisma takes one provider per schema file, so PostgreSQL gets a generated twin: the same models,
 * provider "postgresql", every DateTime stored as timestamptz (instants, never local times), and
 * its own generated client. A test fails when the committed twin differs from what this writes.
 *
 *   npm run db:pg-schema           writes the file
 *   npm run db:pg-schema -- --check  exits 1 when the committed file is out of date
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..");
export const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgres/schema.prisma");

const HEADER = [
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema`: do not edit. Change the model",
  "// there, run the script, and write the PostgreSQL twin of any new migration",
  "// (prisma/postgres/migrations).",
  "",
];

/** The generator and datasource blocks, replaced whole: the rest of the file is copied. */
const GENERATOR = `generator client {
  provider            = "prisma-client"
  output              = "../../lib/generated/prisma-pg"
  // ESM output (import.meta) breaks under next/jest on Node 20.
  moduleFormat        = "cjs"
  importFileExtension = ""
  // The wasm query compiler + driver adapter; without it generate tries to download a native engine.
  engineType          = "client"
}`;

const DATASOURCE = `datasource db {
  provider = "postgresql"
  // Must be a literal or generate tries a download. Ignored at run time: the adapter
  // (lib/server/db.ts) connects to DATABASE_URL.
  url      = "postgresql://localhost:5432/mesa"
}`;

/** Replaces one top-level block (`generator client {...}`), which must exist exactly once. */
function replaceBlock(schema: string, opening: RegExp, replacement: string): string {
  const match = opening.exec(schema);
  if (!match) throw new Error(`prisma/schema.prisma has no block matching ${opening}`);
  const end = schema.indexOf("\n}", match.index);
  if (end < 0) throw new Error(`the block at ${match.index} in prisma/schema.prisma is not closed`);
  return schema.slice(0, match.index) + replacement + schema.slice(end + 2);
}

/** `  due  DateTime?  @default(now()) // note` gains `@db.Timestamptz(3)` after its attributes. */
function timestamptz(line: string): string {
  const field = /^(\s+\w+\s+DateTime\??)(.*)$/.exec(line);
  if (!field) return line;
  const [, head, rest] = field;
  if (rest.includes("@db.")) throw new Error(`a DateTime with a native type cannot be translated: ${line.trim()}`);
  const comment = rest.indexOf("//");
  const attributes = (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
  const trailing = comment < 0 ? "" : ` ${rest.slice(comment)}`;
  return `${head}${attributes} @db.Timestamptz(3)${trailing}`;
}

export function postgresSchema(sqlite: string): string {
  let schema = replaceBlock(sqlite, /^generator client \{/m, GENERATOR);
  schema = replaceBlock(schema, /^datasource db \{/m, DATASOURCE);
  if (/@db\./.test(sqlite)) throw new Error("prisma/schema.prisma uses a native type (@db.*): add its translation here");
  const lines = schema.split("\n").map(timestamptz);
  return [...HEADER, ...lines].join("\n");
}

function main(): void {
  const expected = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
    if (current !== expected) {
      process.stderr.write("prisma/postgres/schema.prisma is out of date: run npm run db:pg-schema\n");
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, expected);
}

if (require.main === module) main();
