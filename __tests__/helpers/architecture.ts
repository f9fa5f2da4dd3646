import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/*
 * The import rules of DESIGN.md ("Layers") and the single write path of STACK.md, as a pure
 * checker over source texts, so architecture.test.ts can run it on the real tree and on a tree of
 * planted violations. Files are parsed by the TypeScript compiler: imports and member accesses are
 * syntax nodes, so a comment or a string never matches. Every violation is "file:line: message".
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
  /**
   * What a static import or re-export takes by name ("default" and "*" included); null when it
   * cannot be known from the statement (import(), require(), `export *`).
   */
  names: string[] | null;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * Source files under the scanned roots, skipping generated code and dependencies. With a suffix
 * (".txt"), only files named `<source file><suffix>` are read, under their name without it: the
 * planted-violation fixtures are stored that way so no compiler or bundler ever picks them up.
 */
export function listSourceFiles(root: string, entries: string[], suffix = ""): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isDirectory()) {
      const name = path.basename(relative);
      if (name === "node_modules" || name === ".next" || relative === "lib/generated") return;
      for (const child of fs.readdirSync(absolute).sort()) visit(path.posix.join(relative, child));
      return;
    }
    if (!relative.endsWith(suffix)) return;
    const logical = relative.slice(0, relative.length - suffix.length);
    if (SOURCE_EXTENSIONS.includes(path.extname(logical)) && !logical.endsWith(".d.ts")) {
      files.push({ path: logical, text: fs.readFileSync(absolute, "utf8") });
    }
  };
  for (const entry of entries) visit(entry);
  return files;
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

function parse(file: SourceFile): ts.SourceFile {
  const kind = file.path.endsWith(".tsx") || file.path.endsWith(".jsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

function visitAll(source: ts.SourceFile, visit: (node: ts.Node) => void) {
  const walk = (node: ts.Node) => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(source);
}

const literalText = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

function importedNames(node: ts.ImportDeclaration): string[] {
  const clause = node.importClause;
  if (!clause) return [];
  const names = clause.name ? ["default"] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push("*");
  if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
  return names;
}

function exportedNames(node: ts.ExportDeclaration): string[] | null {
  const clause = node.exportClause;
  if (!clause) return null;
  if (ts.isNamespaceExport(clause)) return ["*"];
  return clause.elements.map((e) => (e.propertyName ?? e.name).text);
}

interface Scan {
  imports: ImportRef[];
  /** import() or require() whose module name is computed: nothing can be said about what it loads. */
  computedLoads: number[];
  /** `.name` / `["name"]` accesses and `{ name }` destructurings, by property name. */
  members: { name: string; receiver: string; line: number }[];
  newPrismaClient: number[];
  /** `x as WriteTx` and `<WriteTx>x`: a forged write handle. */
  writeTxCasts: number[];
  startsWithServerOnly: boolean;
  /** The file opens with the "use server" directive: every export is a public HTTP endpoint. */
  usesServer: boolean;
  /** Exports of a "use server" file that are not `export const x = <action helper>(...)`. */
  rawActionExports: { name: string; line: number }[];
  /** "use server" inside a function body: an inline server action. */
  inlineServerActions: number[];
}

/** The helpers of lib/server/action.ts that make a server action (session check, zod parse). */
const ACTION_HELPERS = ["authAction", "formAction", "authSubmit"];
const ACTION_MODULE = "lib/server/action";

/** The string directives ("use server", "use client") that open a list of statements. */
function directivesOf(statements: ts.NodeArray<ts.Statement>): { text: string; node: ts.Node }[] {
  const found: { text: string; node: ts.Node }[] = [];
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    found.push({ text: statement.expression.text, node: statement });
  }
  return found;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/**
 * The exports of a "use server" file not made by an action helper imported from
 * lib/server/action. Types are erased and stay allowed; anything else that is exported (a
 * function, a re-export, a value built another way) would be an endpoint without the helper's
 * session check and zod parse.
 */
function rawActionExports(file: SourceFile, source: ts.SourceFile): { name: string; line: number }[] {
  const helpers = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const spec = literalText(statement.moduleSpecifier);
    const bindings = statement.importClause?.namedBindings;
    if (spec === null || resolveLocal(file.path, spec) !== ACTION_MODULE || !bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (!element.isTypeOnly && ACTION_HELPERS.includes((element.propertyName ?? element.name).text))
        helpers.add(element.name.text);
    }
  }
  const madeByHelper = (initializer: ts.Expression | undefined) =>
    initializer !== undefined &&
    ts.isCallExpression(initializer) &&
    ts.isIdentifier(initializer.expression) &&
    helpers.has(initializer.expression.text);

  const found: { name: string; line: number }[] = [];
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      const names =
        clause && ts.isNamedExports(clause)
          ? clause.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text)
          : [clause ? clause.name.text : "*"];
      for (const name of names) found.push({ name, line: lineOf(source, statement) });
    } else if (ts.isExportAssignment(statement)) {
      found.push({ name: "default", line: lineOf(source, statement) });
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (!madeByHelper(declaration.initializer))
            found.push({ name: declaration.name.getText(source), line: lineOf(source, declaration) });
        }
      } else {
        const named = statement as ts.Statement & { name?: ts.Identifier };
        const name = hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? "default" : (named.name?.text ?? "default");
        found.push({ name, line: lineOf(source, statement) });
      }
    }
  }
  return found;
}

function scan(file: SourceFile): Scan {
  const source = parse(file);
  const result: Scan = {
    imports: [],
    computedLoads: [],
    members: [],
    newPrismaClient: [],
    writeTxCasts: [],
    startsWithServerOnly: false,
    usesServer: directivesOf(source.statements).some((d) => d.text === "use server"),
    rawActionExports: [],
    inlineServerActions: [],
  };
  if (result.usesServer) result.rawActionExports = rawActionExports(file, source);
  const addImport = (specNode: ts.Node, names: string[] | null) => {
    const spec = literalText(specNode);
    if (spec === null) return;
    result.imports.push({ spec, line: lineOf(source, specNode), local: resolveLocal(file.path, spec), names });
  };

  visitAll(source, (node) => {
    if (ts.isImportDeclaration(node)) addImport(node.moduleSpecifier, importedNames(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) addImport(node.moduleSpecifier, exportedNames(node));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      addImport(node.moduleReference.expression, null);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) addImport(node.argument.literal, null);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
      if (loads) {
        const [first] = node.arguments;
        if (literalText(first) === null) result.computedLoads.push(lineOf(source, node));
        else addImport(first, null);
      }
    } else if (ts.isPropertyAccessExpression(node)) {
      result.members.push({ name: node.name.text, receiver: node.expression.getText(source), line: lineOf(source, node.name) });
    } else if (ts.isElementAccessExpression(node)) {
      const name = literalText(node.argumentExpression);
      if (name !== null)
        result.members.push({ name, receiver: node.expression.getText(source), line: lineOf(source, node.argumentExpression) });
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      const name = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : null;
      const declaration = node.parent.parent;
      const receiver =
        ts.isVariableDeclaration(declaration) && declaration.initializer
          ? declaration.initializer.getText(source)
          : "(destructured)";
      if (name !== null) result.members.push({ name, receiver, line: lineOf(source, key) });
    } else if (ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (name === "PrismaClient") result.newPrismaClient.push(lineOf(source, node));
    } else if (ts.isBlock(node) && ts.isFunctionLike(node.parent)) {
      for (const directive of directivesOf(node.statements)) {
        if (directive.text === "use server") result.inlineServerActions.push(lineOf(source, directive.node));
      }
    } else if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const type = node.type;
      if (ts.isTypeReferenceNode(type) && type.typeName.getText(source).split(".").pop() === "WriteTx") {
        result.writeTxCasts.push(lineOf(source, type));
      }
    }
  });

  const [first] = source.statements;
  result.startsWithServerOnly =
    first !== undefined &&
    ts.isImportDeclaration(first) &&
    !first.importClause &&
    literalText(first.moduleSpecifier) === "server-only";
  result.imports.sort((a, b) => a.line - b.line);
  return result;
}

export function importsOf(file: SourceFile): ImportRef[] {
  return scan(file).imports;
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** Modules with no I/O, no framework and no database: DESIGN.md's "pure" layer. */
const PURE_DIRS = [
  "lib/srs",
  "lib/quiz",
  "lib/streaks",
  "lib/stats",
  "lib/decks",
  "lib/search",
  "lib/import",
  "lib/export",
  "lib/validation",
  "lib/types",
];
const PURE_FILES = ["lib/format"];

function withoutExtension(p: string): string {
  const ext = path.posix.extname(p);
  return SOURCE_EXTENSIONS.includes(ext) ? p.slice(0, -ext.length) : p;
}

export function isPureModule(modulePath: string): boolean {
  const p = withoutExtension(modulePath);
  return PURE_FILES.includes(p) || PURE_DIRS.some((dir) => under(p, dir));
}

const isServer = (ref: ImportRef) => ref.local !== null && under(ref.local, "lib/server");
const isDbModule = (ref: ImportRef) => ref.local === "lib/server/db";
const isGenerated = (ref: ImportRef) => ref.local !== null && under(ref.local, "lib/generated");
const isPackage = (ref: ImportRef, ...names: string[]) =>
  ref.local === null && names.some((name) => ref.spec === name || ref.spec.startsWith(`${name}/`));
const isPrisma = (ref: ImportRef) =>
  isGenerated(ref) || (ref.local === null && (ref.spec.startsWith("@prisma/") || isPackage(ref, "prisma")));
const isFs = (ref: ImportRef) => isPackage(ref, "fs", "node:fs");

/** Client methods that take SQL text. */
const RAW_SQL_METHODS = ["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$queryRawTyped"];
/** Prisma's SQL builders: `Prisma.sql`...`, Prisma.raw(...)`. */
const PRISMA_SQL_HELPERS = ["sql", "raw"];

/*
 * Files outside lib/server that open the database themselves, what they may take from
 * lib/server/db ("*": anything), and why. Tests are not scanned: they set up and inspect
 * their temporary databases directly.
 */
const DATABASE_ENTRY_POINTS: Record<string, string[]> = {
  // The seed command closes the connection when it is done; it writes through the DAL.
  "prisma/seed.ts": ["disconnect"],
  // The benchmark writes months of review history straight into the log, which no DAL function does.
  "scripts/bench.ts": ["*"],
  // The scheduler benchmark writes a year of a learner's reviews (100,000 rows) straight into the log.
  "scripts/bench/scheduler.ts": ["*"],
  // The backup benchmark counts the restored rows and closes the connection before copying the file.
  "scripts/bench/backup.ts": ["*"],
};
/**
 * Benchmark builders that bulk-insert a synthetic history with better-sqlite3 into a throwaway,
 * migrated file: through Prisma, 500,000 review logs would take minutes.
 */
const BULK_WRITERS = [
  "scripts/bench/large-user.ts",
  "scripts/bench/streaks.ts",
  // The Anki package builder writes Anki's own schemas (11 and 18) into in-memory SQLite files, never Mesa's database.
  "scripts/anki-fixtures.ts",
  // The .apkg export's builder process: the same, in memory, from rows the data layer read and passed to it.
  "scripts/apkg-build-child.cjs",
];
/**
 * The operator's backup command copies the whole database file with SQLite's online backup API,
 * which Prisma does not offer; it reads pages, never rows. The copy between SQLite and PostgreSQL
 * needs both drivers at once (one client serves one provider) and runs while the app is stopped.
 */
const OPERATOR_TOOLS = ["scripts/backup.ts", "scripts/db-copy.ts"];
/** The Prisma CLI's configuration: it opens the database with the adapter to migrate it. */
const PRISMA_CLI_FILES = ["prisma.config.ts"];

/** A module's name as imports resolve it: no extension, no trailing /index. */
const moduleNameOf = (filePath: string) => withoutExtension(filePath).replace(/\/index$/, "");

/**
 * The local imports of every scanned module, so a rule can follow re-exports: a component must
 * not reach lib/server through another lib file that re-exports it.
 */
type ImportGraph = Map<string, ImportRef[]>;

/**
 * The chain of modules from `start` to the first lib/server module it loads, directly or through
 * other scanned modules ("lib/a -> lib/server/b"), or null when there is none.
 */
function pathToServer(graph: ImportGraph, start: string): string[] | null {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    for (const ref of graph.get(chain[chain.length - 1]) ?? []) {
      if (ref.local === null || seen.has(ref.local)) continue;
      if (isServer(ref)) return [...chain, ref.local];
      seen.add(ref.local);
      queue.push([...chain, ref.local]);
    }
  }
  return null;
}

export function checkArchitecture(files: SourceFile[]): string[] {
  const scans = new Map(files.map((file) => [file.path, scan(file)]));
  const graph: ImportGraph = new Map(files.map((file) => [moduleNameOf(file.path), scans.get(file.path)!.imports]));
  return files.flatMap((file) => {
    const found: { line: number; message: string }[] = [];
    checkFile(file, scans.get(file.path)!, graph, (line, message) => found.push({ line, message }));
    // A stable sort: within a line, the rules' order is kept.
    found.sort((a, b) => a.line - b.line);
    return found.map(({ line, message }) => `${file.path}:${line}: ${message}`);
  });
}

function checkFile(file: SourceFile, found: Scan, graph: ImportGraph, report: (line: number, message: string) => void): void {
  const p = file.path;
  const inServer = under(p, "lib/server");

  for (const ref of found.imports) {
    const what = `imports "${ref.spec}"`;
    const fail = (message: string) => report(ref.line, `${what}: ${message}`);
    if (under(p, "components")) {
      if (isServer(ref)) fail("components never import lib/server");
      if (isPrisma(ref)) fail("components never import Prisma");
      if (isPackage(ref, "next/headers")) fail("components never import next/headers");
      const laundered = !isServer(ref) && ref.local !== null ? pathToServer(graph, ref.local) : null;
      if (laundered) fail(`components never import lib/server, not even through ${laundered.join(" -> ")}`);
    }
    if (isPureModule(p)) {
      if (isServer(ref)) fail("pure modules never import lib/server");
      else if (isPrisma(ref)) fail("pure modules never import Prisma");
      else if (isPackage(ref, "next")) fail("pure modules never import next");
      else if (isFs(ref)) fail("pure modules do no file I/O");
      else if (isPackage(ref, "react", "react-dom")) fail("pure modules never import React");
      else if (isPackage(ref, "server-only")) fail("pure modules are not server-only");
      else if (ref.local !== null && !isPureModule(ref.local)) fail("pure modules import only pure modules");
    }
    if (isPackage(ref, "ts-fsrs") && !under(p, "lib/srs")) fail("only lib/srs imports ts-fsrs");
    if (!inServer) {
      if (isDbModule(ref)) {
        const allowed = DATABASE_ENTRY_POINTS[p];
        const names = ref.names ?? ["*"];
        if (!allowed) fail("only lib/server opens the database; call a lib/server function instead");
        else if (!allowed.includes("*") && names.some((name) => !allowed.includes(name))) {
          fail(`${p} may take only ${allowed.join(", ")} from lib/server/db`);
        }
      }
      if (isPrisma(ref) && !PRISMA_CLI_FILES.includes(p)) fail("only lib/server uses Prisma");
      if (isPackage(ref, "better-sqlite3") && !BULK_WRITERS.includes(p) && !OPERATOR_TOOLS.includes(p)) {
        fail("raw SQL only in lib/server");
      }
    }
  }

  for (const line of found.computedLoads)
    report(line, "import() or require() of a computed name: the checker cannot see what it loads");

  for (const { name, line } of found.rawActionExports) {
    report(line, `"use server" export ${name} is not made by the action helper (authAction, formAction, authSubmit)`);
  }
  for (const line of found.inlineServerActions) {
    report(line, 'inline "use server" function: server actions live in actions.ts files, made by the action helper');
  }

  if (inServer && !found.startsWithServerOnly) report(1, 'lib/server files start with import "server-only";');

  if (p !== "lib/server/db.ts") {
    for (const line of found.newPrismaClient) report(line, "new PrismaClient outside lib/server/db.ts (one client per process)");
    for (const line of found.writeTxCasts) report(line, "cast to WriteTx outside lib/server/db.ts: only write() hands one out");
  }
  for (const { name, receiver, line } of found.members) {
    if (name === "$transaction" && p !== "lib/server/db.ts") {
      report(line, `${receiver}.$transaction: transactions are opened only by write() in lib/server/db.ts`);
    }
    if (inServer) continue;
    if (RAW_SQL_METHODS.includes(name)) report(line, `${receiver}.${name}: raw SQL only in lib/server`);
    if (receiver === "Prisma" && PRISMA_SQL_HELPERS.includes(name)) report(line, `Prisma.${name}: raw SQL only in lib/server`);
  }
}
