import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/*
 * The single write path is enforced by the compiler: write-path.fixture.ts marks every forbidden
 * use with `@ts-expect-error <part of the expected message>`. The fixture must compile cleanly,
 * and the same text without the directives must fail on exactly the marked lines, with the
 * expected messages, so the test fails the day the types stop forbidding something.
 */

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(__dirname, "write-path.fixture.ts");
/** Never written to disk: the compiler host serves it from memory. */
const STRIPPED = path.join(__dirname, "write-path.fixture-without-directives.ts");
const DIRECTIVE = /^\s*\/\/\s*@ts-expect-error\s+(.+)$/;

interface Forbidden {
  /** 1-based line of the forbidden code (the line after its directive). */
  line: number;
  code: string;
  expected: string;
}

function projectOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (file) => ts.sys.readFile(file));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // One throwaway program: nothing to emit, no build-info file to keep, and of the global type
  // packages only Node's (the Jest and React globals would double the files to load, for nothing).
  return { ...options, noEmit: true, incremental: false, tsBuildInfoFile: undefined, types: ["node"] };
}

function diagnosticsByFile(files: Map<string, string>) {
  const options = projectOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(fileName));
    return text === undefined
      ? getSourceFile(fileName, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const byFile = new Map<string, { line: number; message: string }[]>();
  for (const fileName of files.keys()) {
    const source = program.getSourceFile(fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    byFile.set(
      fileName,
      diagnostics.map((d) => ({
        line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, " "),
      })),
    );
  }
  return { global: global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")), byFile };
}

const text = fs.readFileSync(FIXTURE, "utf8");
const lines = text.split("\n");
const forbidden: Forbidden[] = lines.flatMap((line, index) => {
  const match = DIRECTIVE.exec(line);
  return match ? [{ line: index + 2, code: lines[index + 1].trim(), expected: match[1].trim() }] : [];
});
// Blank lines keep every other line where it was.
const stripped = lines.map((line) => (DIRECTIVE.test(line) ? "" : line)).join("\n");

describe("the write path's types", () => {
  let result: ReturnType<typeof diagnosticsByFile>;

  beforeAll(() => {
    result = diagnosticsByFile(
      new Map([
        [FIXTURE, text],
        [STRIPPED, stripped],
      ]),
    );
  });

  it("the fixture marks every forbidden use the brief lists", () => {
    const code = forbidden.map((f) => f.code).join("\n");
    for (const use of [
      "db.card.create(",
      "db.card.createMany(",
      "db.card.update(",
      "db.reviewLog.updateMany(",
      "db.user.upsert(",
      "db.card.delete(",
      "db.reviewLog.deleteMany(",
      "db.$executeRaw`",
      "db.$executeRawUnsafe(",
      "db.$queryRawUnsafe(",
      "db.$transaction(",
      "ensureCards(db,",
      "enrolInBuiltInDecks(db,",
      "ensureCards(client,",
      "ensureCards(unbranded,",
    ]) {
      expect(code).toContain(use);
    }
    expect(forbidden).toHaveLength(17);
  });

  it("compiles cleanly with the directives: every forbidden line fails and every allowed use compiles", () => {
    expect(result.global).toEqual([]);
    expect(result.byFile.get(FIXTURE)).toEqual([]);
  });

  it("without the directives, fails on exactly the forbidden lines, each with its expected error", () => {
    const diagnostics = result.byFile.get(STRIPPED)!;
    const unexpected = diagnostics.filter((d) => !forbidden.some((f) => f.line === d.line));
    expect(unexpected).toEqual([]);
    const missing = forbidden.filter((f) => !diagnostics.some((d) => d.line === f.line && d.message.includes(f.expected)));
    expect(
      missing.map(
        (f) =>
          `${f.line}: ${f.code} (expected "${f.expected}"; got ${JSON.stringify(diagnostics.filter((d) => d.line === f.line).map((d) => d.message))})`,
      ),
    ).toEqual([]);
  });
});
