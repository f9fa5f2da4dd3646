import fs from "node:fs";
import path from "node:path";

/*
 * The import rules of DESIGN.md ("Layers") and the single-write-path rule of STACK.md, as a pure
 * checker over source texts, so architecture.test.ts can run it on the real tree and on
 * deliberately bad examples. Every violation is reported as "file:line: what is wrong".
 */

export interface SourceFile {
  /** Repository-relative, with forward slashes, e.g. "lib/srs/queue.ts". */
  path: string;
  text: string;
}

export interface ImportRef {
  spec: string;
  line: number;
  /** Repository-relative path without extension for local imports ("lib/server/db"); null for packages. */
  local: string | null;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];

/** Source files under the scanned roots, skipping generated code and dependencies. */
export function listSourceFiles(root: string, entries: string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    const stat = fs.statSync(absolute);
    if (stat.isDirectory()) {
      const name = path.basename(relative);
      if (name === "node_modules" || name === ".next" || relative === "lib/generated") return;
      for (const child of fs.readdirSync(absolute).sort()) visit(path.posix.join(relative, child));
    } else if (SOURCE_EXTENSIONS.includes(path.extname(relative)) && !relative.endsWith(".d.ts")) {
      files.push({ path: relative, text: fs.readFileSync(absolute, "utf8") });
    }
  };
  for (const entry of entries) visit(entry);
  return files;
}

/** Blanks out comments (keeping every newline and offset) so commented-out code is not matched. */
export function stripComments(text: string): string {
  let out = "";
  let i = 0;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (quote) {
      out += c;
      if (c === "\\" && i + 1 < text.length) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      quote = c;
      out += c;
      i++;
      continue;
    }
    if (c === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") {
        out += " ";
        i++;
      }
      continue;
    }
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) out += text[i] === "\n" ? "\n" : " ";
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function resolveLocal(fromFile: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith("@/")) target = spec.slice(2);
  else if (spec.startsWith("./") || spec.startsWith("../")) target = path.posix.join(path.posix.dirname(fromFile), spec);
  else return null;
  target = path.posix.normalize(target);
  const ext = path.posix.extname(target);
  if (SOURCE_EXTENSIONS.includes(ext)) target = target.slice(0, -ext.length);
  return target.replace(/\/index$/, "");
}

const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?(?:[^'"`;()]*?\s+from\s+)?["']([^"']+)["']/g;
const CALL_IMPORT = /(?:^|[^\w$.])(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g;

export function importsOf(file: SourceFile): ImportRef[] {
  const code = stripComments(file.text);
  const refs: ImportRef[] = [];
  for (const pattern of [STATIC_IMPORT, CALL_IMPORT]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
      const spec = match[1];
      refs.push({ spec, line: lineAt(code, match.index + match[0].indexOf(spec)), local: resolveLocal(file.path, spec) });
    }
  }
  return refs.sort((a, b) => a.line - b.line);
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** Modules with no I/O, no framework and no database: DESIGN.md's "pure" layer. */
const PURE_DIRS = ["lib/srs", "lib/quiz", "lib/streaks", "lib/stats", "lib/decks", "lib/validation"];
const PURE_FILES = ["lib/types", "lib/format"];

function withoutExtension(p: string): string {
  const ext = path.posix.extname(p);
  return SOURCE_EXTENSIONS.includes(ext) ? p.slice(0, -ext.length) : p;
}

export function isPureModule(modulePath: string): boolean {
  const p = withoutExtension(modulePath);
  return PURE_FILES.includes(p) || PURE_DIRS.some((dir) => under(p, dir));
}

const isServer = (ref: ImportRef) => ref.local !== null && under(ref.local, "lib/server");
const isGenerated = (ref: ImportRef) => ref.local !== null && under(ref.local, "lib/generated");
const isPackage = (ref: ImportRef, ...names: string[]) =>
  ref.local === null && names.some((name) => ref.spec === name || ref.spec.startsWith(`${name}/`));
const isPrismaPackage = (ref: ImportRef) => ref.local === null && (ref.spec.startsWith("@prisma/") || isPackage(ref, "prisma"));
const isFs = (ref: ImportRef) => isPackage(ref, "fs", "node:fs");

const WRITE_METHODS = [
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
];

/** Prisma client property names of the models in schema.prisma ("ReviewLog" -> "reviewLog"). */
export function modelDelegates(schema: string): string[] {
  return [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map(([, name]) => name[0].toLowerCase() + name.slice(1));
}

export function checkArchitecture(files: SourceFile[], delegates: string[]): string[] {
  const violations: string[] = [];
  const report = (file: SourceFile, line: number, message: string) => violations.push(`${file.path}:${line}: ${message}`);
  const modelWrite = new RegExp(
    `(\\)|\\b[A-Za-z_$][\\w$]*)\\s*\\.\\s*(${delegates.join("|")})\\s*\\.\\s*(${WRITE_METHODS.join("|")})\\s*\\(`,
    "g",
  );
  const rawWrite = /(\)|\b[A-Za-z_$][\w$]*)\s*\.\s*(\$executeRaw(?:Unsafe)?|\$transaction)\b/g;

  for (const file of files) {
    const p = file.path;
    const inServer = under(p, "lib/server");
    const code = stripComments(file.text);

    for (const ref of importsOf(file)) {
      const what = `imports "${ref.spec}"`;
      if (under(p, "components")) {
        if (isServer(ref)) report(file, ref.line, `${what}: components never import lib/server`);
        if (isGenerated(ref) || isPrismaPackage(ref)) report(file, ref.line, `${what}: components never import Prisma`);
        if (isPackage(ref, "next/headers")) report(file, ref.line, `${what}: components never import next/headers`);
      }
      if (isPureModule(p)) {
        if (isServer(ref)) report(file, ref.line, `${what}: pure modules never import lib/server`);
        else if (isGenerated(ref) || isPrismaPackage(ref)) report(file, ref.line, `${what}: pure modules never import Prisma`);
        else if (isPackage(ref, "next")) report(file, ref.line, `${what}: pure modules never import next`);
        else if (isFs(ref)) report(file, ref.line, `${what}: pure modules do no file I/O`);
        else if (isPackage(ref, "react", "react-dom")) report(file, ref.line, `${what}: pure modules never import React`);
        else if (isPackage(ref, "server-only")) report(file, ref.line, `${what}: pure modules are not server-only`);
        else if (ref.local !== null && !isPureModule(ref.local)) report(file, ref.line, `${what}: pure modules import only pure modules`);
      }
      if (isPackage(ref, "ts-fsrs") && !under(p, "lib/srs")) report(file, ref.line, `${what}: only lib/srs imports ts-fsrs`);
      if ((isGenerated(ref) || isPackage(ref, "@prisma/client") || ref.spec.startsWith("@prisma/adapter-")) && !inServer) {
        report(file, ref.line, `${what}: only lib/server uses the Prisma client`);
      }
    }

    if (inServer) {
      const first = code.trimStart();
      if (!/^import\s+["']server-only["'];?/.test(first)) report(file, 1, 'lib/server files start with import "server-only";');
    }

    if (p !== "lib/server/db.ts") {
      for (const match of code.matchAll(/\bnew\s+PrismaClient\b/g)) {
        report(file, lineAt(code, match.index), "new PrismaClient outside lib/server/db.ts (one client per process)");
      }
      for (const match of code.matchAll(modelWrite)) {
        const [, receiver, model, method] = match;
        if (receiver !== "tx") {
          report(file, lineAt(code, match.index), `${receiver}.${model}.${method}(): writes go through the tx that write() provides`);
        }
      }
      for (const match of code.matchAll(rawWrite)) {
        const [, receiver, method] = match;
        if (method === "$transaction" || receiver !== "tx") {
          report(file, lineAt(code, match.index), `${receiver}.${method}: writes go through the tx that write() provides`);
        }
      }
    }
  }
  return violations;
}
