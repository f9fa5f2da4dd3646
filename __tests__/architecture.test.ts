import path from "node:path";
import { checkArchitecture, importsOf, listSourceFiles, type SourceFile } from "./helpers/architecture";

/*
 * DESIGN.md "Layers" and STACK.md's single write path, enforced on the real source tree. A failure
 * lists every offending file:line. What the compiler can enforce (a write through a read handle)
 * is in __tests__/types/write-path.test.ts; this checks what it cannot: who imports what, and
 * where raw SQL and transactions may appear.
 */

const ROOT = path.join(__dirname, "..");
const SCANNED = ["app", "components", "lib", "prisma", "scripts", "proxy.ts", "prisma.config.ts"];
const FIXTURE_ROOT = path.join(__dirname, "fixtures", "architecture");

describe("the source tree", () => {
  const files = listSourceFiles(ROOT, SCANNED);

  it("is actually scanned (guards against a checker that looks at nothing)", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "app/(app)/(with-header)/page.tsx",
        "components/review/review-session.tsx",
        "lib/server/db.ts",
        "lib/server/reviews.ts",
        "lib/srs/scheduler.ts",
        "lib/decks/parse-deck.ts",
        "prisma/seed.ts",
        "scripts/bench.ts",
        "proxy.ts",
        "prisma.config.ts",
      ]),
    );
    expect(paths.some((p) => p.startsWith("lib/generated/") || p.endsWith(".d.ts"))).toBe(false);
    const db = files.find((f) => f.path === "lib/server/db.ts")!;
    expect(importsOf(db).map((r) => r.spec)).toEqual(expect.arrayContaining(["server-only", "@/lib/generated/prisma/client"]));
  });

  it("follows the layer, Prisma and write-path rules", () => {
    expect(checkArchitecture(files)).toEqual([]);
  });
});

describe("the architecture checker", () => {
  // 33 reports: each planted violation once, none for the lines beside them that keep the rules.
  it("reports exactly the violations planted in __tests__/fixtures/architecture", () => {
    const files = listSourceFiles(FIXTURE_ROOT, ["app", "components", "lib", "prisma", "scripts"], ".txt");
    expect(files.map((f) => f.path)).toEqual([
      "app/bad/actions.ts",
      "app/bad/page.tsx",
      "components/laundered.tsx",
      "components/x.tsx",
      "lib/launder.ts",
      "lib/relay.ts",
      "lib/server/db.ts",
      "lib/server/no-guard.ts",
      "lib/server/reads.ts",
      "lib/srs/y.ts",
      "lib/streaks/z.ts",
      "prisma/seed.ts",
      "scripts/tool.ts",
    ]);
    const opensDb = "only lib/server opens the database; call a lib/server function instead";
    const raw = (name: string) =>
      `"use server" export ${name} is not made by the action helper (authAction, formAction, authSubmit)`;
    expect(checkArchitecture(files)).toEqual([
      `app/bad/actions.ts:11: ${raw("gradeForAction")}`,
      `app/bad/actions.ts:16: ${raw("looseAction")}`,
      `app/bad/actions.ts:17: ${raw("wrapped")}`,
      `app/bad/actions.ts:18: ${raw("recordAction")}`,
      `app/bad/actions.ts:19: ${raw("default")}`,
      `app/bad/page.tsx:1: imports "@/lib/server/db": ${opensDb}`,
      `app/bad/page.tsx:3: imports "../../lib/server/db": ${opensDb}`,
      `app/bad/page.tsx:9: imports "@/lib/server/db": ${opensDb}`,
      "app/bad/page.tsx:10: db.$queryRaw: raw SQL only in lib/server",
      'components/laundered.tsx:1: imports "@/lib/launder": components never import lib/server, not even through lib/launder -> lib/relay -> lib/server/reviews',
      'components/laundered.tsx:6: inline "use server" function: server actions live in actions.ts files, made by the action helper',
      'components/x.tsx:1: imports "@/lib/generated/prisma/client": components never import Prisma',
      'components/x.tsx:1: imports "@/lib/generated/prisma/client": only lib/server uses Prisma',
      'components/x.tsx:2: imports "next/headers": components never import next/headers',
      'components/x.tsx:3: imports "@/lib/server/reviews": components never import lib/server',
      'components/x.tsx:6: imports "@prisma/client": components never import Prisma',
      'components/x.tsx:6: imports "@prisma/client": only lib/server uses Prisma',
      'lib/server/no-guard.ts:1: lib/server files start with import "server-only";',
      "lib/server/no-guard.ts:5: new PrismaClient outside lib/server/db.ts (one client per process)",
      "lib/server/no-guard.ts:8: second.$transaction: transactions are opened only by write() in lib/server/db.ts",
      "lib/server/no-guard.ts:9: tx.$transaction: transactions are opened only by write() in lib/server/db.ts",
      "lib/server/no-guard.ts:11: cast to WriteTx outside lib/server/db.ts: only write() hands one out",
      'lib/srs/y.ts:2: imports "@/lib/generated/prisma/client": pure modules never import Prisma',
      'lib/srs/y.ts:2: imports "@/lib/generated/prisma/client": only lib/server uses Prisma',
      "lib/srs/y.ts:5: db.$queryRaw: raw SQL only in lib/server",
      "lib/srs/y.ts:8: Prisma.sql: raw SQL only in lib/server",
      'lib/streaks/z.ts:1: imports "../server/db": pure modules never import lib/server',
      `lib/streaks/z.ts:1: imports "../server/db": ${opensDb}`,
      'lib/streaks/z.ts:2: imports "ts-fsrs": only lib/srs imports ts-fsrs',
      "lib/streaks/z.ts:5: import() or require() of a computed name: the checker cannot see what it loads",
      'prisma/seed.ts:1: imports "@/lib/server/db": prisma/seed.ts may take only disconnect from lib/server/db',
      'scripts/tool.ts:1: imports "better-sqlite3": raw SQL only in lib/server',
      `scripts/tool.ts:2: imports "@/lib/server/db": ${opensDb}`,
    ]);
  });

  it("finds imports in every form, with their lines and names, resolving relative and @/ paths", () => {
    const file: SourceFile = {
      path: "lib/srs/example.ts",
      text: [
        'import a from "@/lib/server/db";',
        "import {",
        "  b as c,",
        '} from "../server/users";',
        'import type { C } from "./card";',
        'export { d } from "react";',
        'const e = require("node:fs");',
        'const f = await import("next/headers");',
        '// import g from "@prisma/client";',
        '/* import h from "ts-fsrs"; */',
        'import "server-only";',
        'import * as i from "zod";',
        'export * from "./queue";',
        'import j = require("ts-fsrs");',
        'type K = import("@/lib/types").CardKind;',
        "const s = \"import x from '@/lib/server/db'\";",
        'const t = `require("@/lib/server/db")`;',
      ].join("\n"),
    };
    expect(importsOf(file).map((r) => [r.line, r.spec, r.local, r.names])).toEqual([
      [1, "@/lib/server/db", "lib/server/db", ["default"]],
      [4, "../server/users", "lib/server/users", ["b"]],
      [5, "./card", "lib/srs/card", ["C"]],
      [6, "react", null, ["d"]],
      [7, "node:fs", null, null],
      [8, "next/headers", null, null],
      [11, "server-only", null, []],
      [12, "zod", null, ["*"]],
      [13, "./queue", "lib/srs/queue", null],
      [14, "ts-fsrs", null, null],
      [15, "@/lib/types", "lib/types", null],
    ]);
  });

  it("reports pure modules that import the server, Prisma, next, fs, React or impure local modules", () => {
    const violations = checkArchitecture([
      {
        path: "lib/streaks/bad.ts",
        text: [
          'import { headers } from "next/headers";',
          'import fs from "node:fs";',
          'import { useState } from "react";',
          'import { databaseUrl } from "@/lib/database-url";',
          'import { addDays } from "@/lib/srs/study-day";',
          'import { z } from "zod";',
          'import "server-only";',
        ].join("\n"),
      },
      { path: "lib/format.ts", text: 'import { readFileSync } from "fs";\n' },
    ]);
    expect(violations).toEqual([
      'lib/streaks/bad.ts:1: imports "next/headers": pure modules never import next',
      'lib/streaks/bad.ts:2: imports "node:fs": pure modules do no file I/O',
      'lib/streaks/bad.ts:3: imports "react": pure modules never import React',
      'lib/streaks/bad.ts:4: imports "@/lib/database-url": pure modules import only pure modules',
      'lib/streaks/bad.ts:7: imports "server-only": pure modules are not server-only',
      'lib/format.ts:1: imports "fs": pure modules do no file I/O',
    ]);
  });

  it('reports a lib/server file whose first statement is not import "server-only"', () => {
    const violations = checkArchitecture([
      {
        path: "lib/server/ok.ts",
        text: '// Why this file exists.\n/* more */\nimport "server-only";\nimport { z } from "zod";\n',
      },
      { path: "lib/server/late.ts", text: 'import { z } from "zod";\nimport "server-only";\n' },
      { path: "lib/server/named.ts", text: 'import x from "server-only";\n' },
      { path: "lib/server/missing.ts", text: "export const x = 1;\n" },
      { path: "lib/server/empty.ts", text: "" },
    ]);
    expect(violations).toEqual([
      'lib/server/late.ts:1: lib/server files start with import "server-only";',
      'lib/server/named.ts:1: lib/server files start with import "server-only";',
      'lib/server/missing.ts:1: lib/server files start with import "server-only";',
      'lib/server/empty.ts:1: lib/server files start with import "server-only";',
    ]);
  });

  it("lets lib/server use raw SQL, better-sqlite3 and the write handle, whatever its variable is called", () => {
    const violations = checkArchitecture([
      {
        path: "lib/server/reports.ts",
        text: [
          'import "server-only";',
          'import Database from "better-sqlite3";',
          'import { Prisma } from "@/lib/generated/prisma/client";',
          'import { read, write } from "./db";',
          "export const a = read((db) => db.$queryRaw(Prisma.sql`SELECT 1`));",
          "export const b = write((handle) => handle.card.deleteMany({}));",
          "export const c = write((t) => t.$executeRaw`DELETE FROM x`);",
          "export const d = Database;",
        ].join("\n"),
      },
    ]);
    expect(violations).toEqual([]);
  });

  it("never matches comments or strings", () => {
    const violations = checkArchitecture([
      {
        path: "app/notes/page.tsx",
        text: [
          "// db.$queryRaw`SELECT 1` and new PrismaClient() in a comment",
          "/* tx.$transaction(fn); import db from '@/lib/server/db'; */",
          "export const a = \"client.$executeRawUnsafe('DELETE') and require('better-sqlite3')\";",
          "export const b = `Prisma.sql and ${'$transaction'}`;",
          "export default function Page() { return <p>db.$queryRaw {a}{b}</p>; }",
        ].join("\n"),
      },
    ]);
    expect(violations).toEqual([]);
  });
});
