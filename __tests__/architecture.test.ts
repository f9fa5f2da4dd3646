import fs from "node:fs";
import path from "node:path";
import { checkArchitecture, importsOf, listSourceFiles, modelDelegates, type SourceFile } from "./helpers/architecture";

/*
 * DESIGN.md "Layers" and STACK.md's single write path, enforced on the real source tree. A failure
 * lists every offending file:line.
 */

const ROOT = path.join(__dirname, "..");
const DELEGATES = modelDelegates(fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8"));
const SCANNED = ["app", "components", "lib", "prisma/seed.ts"];

describe("the source tree", () => {
  const files = listSourceFiles(ROOT, SCANNED);

  it("is actually scanned (guards against a checker that looks at nothing)", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(["lib/server/db.ts", "lib/server/reviews.ts", "lib/srs/scheduler.ts", "lib/decks/parse-deck.ts", "prisma/seed.ts"]),
    );
    expect(paths.some((p) => p.startsWith("lib/generated/"))).toBe(false);
    expect(DELEGATES).toEqual(expect.arrayContaining(["user", "card", "reviewLog", "concept", "deck", "enrolment"]));
  });

  it("follows the layer, Prisma and write-path rules", () => {
    expect(checkArchitecture(files, DELEGATES)).toEqual([]);
  });
});

describe("the architecture checker", () => {
  const check = (files: SourceFile[]) => checkArchitecture(files, DELEGATES);

  it("finds imports in every form, with their lines, resolving relative and @/ paths", () => {
    const file: SourceFile = {
      path: "lib/srs/example.ts",
      text: [
        'import a from "@/lib/server/db";',
        "import {",
        "  b,",
        '} from "../server/users";',
        'import type { C } from "./card";',
        'export { d } from "react";',
        'const e = require("node:fs");',
        'const f = await import("next/headers");',
        '// import g from "@prisma/client";',
        '/* import h from "ts-fsrs"; */',
        'import "server-only";',
      ].join("\n"),
    };
    expect(importsOf(file).map((r) => [r.line, r.spec, r.local])).toEqual([
      [1, "@/lib/server/db", "lib/server/db"],
      [4, "../server/users", "lib/server/users"],
      [5, "./card", "lib/srs/card"],
      [6, "react", null],
      [7, "node:fs", null],
      [8, "next/headers", null],
      [11, "server-only", null],
    ]);
  });

  it("reports components that import lib/server, Prisma or next/headers", () => {
    const violations = check([
      {
        path: "components/review/bad.tsx",
        text: 'import { x } from "@/lib/server/study";\nimport type { Card } from "@/lib/generated/prisma/client";\nimport { cookies } from "next/headers";\nimport { formatInterval } from "@/lib/format";\n',
      },
    ]);
    expect(violations).toEqual([
      'components/review/bad.tsx:1: imports "@/lib/server/study": components never import lib/server',
      'components/review/bad.tsx:2: imports "@/lib/generated/prisma/client": components never import Prisma',
      'components/review/bad.tsx:2: imports "@/lib/generated/prisma/client": only lib/server uses the Prisma client',
      'components/review/bad.tsx:3: imports "next/headers": components never import next/headers',
    ]);
  });

  it("reports pure modules that import the server, Prisma, next, fs, React or impure local modules", () => {
    const violations = check([
      {
        path: "lib/streaks/bad.ts",
        text: [
          'import { read } from "../server/db";',
          'import { PrismaClient } from "@prisma/client";',
          'import { headers } from "next/headers";',
          'import fs from "node:fs";',
          'import { useState } from "react";',
          'import { databaseUrl } from "@/lib/database-url";',
          'import { addDays } from "@/lib/srs/study-day";',
          'import { z } from "zod";',
        ].join("\n"),
      },
      { path: "lib/format.ts", text: 'import { readFileSync } from "fs";\n' },
    ]);
    expect(violations).toEqual([
      'lib/streaks/bad.ts:1: imports "../server/db": pure modules never import lib/server',
      'lib/streaks/bad.ts:2: imports "@prisma/client": pure modules never import Prisma',
      'lib/streaks/bad.ts:2: imports "@prisma/client": only lib/server uses the Prisma client',
      'lib/streaks/bad.ts:3: imports "next/headers": pure modules never import next',
      'lib/streaks/bad.ts:4: imports "node:fs": pure modules do no file I/O',
      'lib/streaks/bad.ts:5: imports "react": pure modules never import React',
      'lib/streaks/bad.ts:6: imports "@/lib/database-url": pure modules import only pure modules',
      'lib/format.ts:1: imports "fs": pure modules do no file I/O',
    ]);
  });

  it("reports ts-fsrs outside lib/srs and the Prisma client outside lib/server", () => {
    const violations = check([
      { path: "lib/streaks/fsrs.ts", text: 'import { fsrs } from "ts-fsrs";\n' },
      { path: "lib/srs/ok.ts", text: 'import { fsrs } from "ts-fsrs";\n' },
      { path: "app/page.tsx", text: 'import { PrismaClient } from "@/lib/generated/prisma/client";\n' },
    ]);
    expect(violations).toEqual([
      'lib/streaks/fsrs.ts:1: imports "ts-fsrs": only lib/srs imports ts-fsrs',
      'app/page.tsx:1: imports "@/lib/generated/prisma/client": only lib/server uses the Prisma client',
    ]);
  });

  it('reports a lib/server file whose first statement is not import "server-only"', () => {
    const violations = check([
      { path: "lib/server/ok.ts", text: '// Why this file exists.\n/* more */\nimport "server-only";\nimport { z } from "zod";\n' },
      { path: "lib/server/late.ts", text: 'import { z } from "zod";\nimport "server-only";\n' },
      { path: "lib/server/missing.ts", text: "export const x = 1;\n" },
    ]);
    expect(violations).toEqual([
      'lib/server/late.ts:1: lib/server files start with import "server-only";',
      'lib/server/missing.ts:1: lib/server files start with import "server-only";',
    ]);
  });

  it("reports a second PrismaClient and writes that bypass write()'s tx", () => {
    const violations = check([
      {
        path: "lib/server/sneaky.ts",
        text: [
          'import "server-only";',
          "const client = new PrismaClient();",
          "await read((db) => db.card.update({ where: { id }, data: {} }));",
          "await write((tx) => tx.card.update({ where: { id }, data: {} }));",
          "await client.reviewLog",
          "  .deleteMany({});",
          "await (await open()).user.create({ data });",
          'await db.$executeRawUnsafe("DELETE FROM Card");',
          "await client.$transaction(async (tx) => tx.user.upsert(args));",
          "attempts.delete(key); this.attempts.delete(key);",
          "// db.card.delete({ where: { id } }) in a comment is fine",
        ].join("\n"),
      },
      { path: "lib/server/db.ts", text: 'import "server-only";\nconst client = new PrismaClient();\nclient.$transaction(fn);\n' },
    ]);
    expect(violations).toEqual([
      "lib/server/sneaky.ts:2: new PrismaClient outside lib/server/db.ts (one client per process)",
      "lib/server/sneaky.ts:3: db.card.update(): writes go through the tx that write() provides",
      "lib/server/sneaky.ts:5: client.reviewLog.deleteMany(): writes go through the tx that write() provides",
      "lib/server/sneaky.ts:7: ).user.create(): writes go through the tx that write() provides",
      "lib/server/sneaky.ts:8: db.$executeRawUnsafe: writes go through the tx that write() provides",
      "lib/server/sneaky.ts:9: client.$transaction: writes go through the tx that write() provides",
    ]);
  });
});
