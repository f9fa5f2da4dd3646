import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { replayImportedHistories } from "@/lib/import/replay-histories";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";
import { buildAnkiPackage, syntheticCollection, type PackageFormat } from "../anki-fixtures";
import { benchApkgImportOverHttp } from "./apkg-import";

/*
 * Reading a large Anki package: 20,000 notes (40,000 cards) with 500,000 reviews, built by the
 * fixture builder, in the legacy (deflate) and latest (zstd) layouts. Each package is parsed in a
 * child process of its own, so the peak memory printed (the child's maximum resident set) is
 * the parse's alone: unzip, SQLite in memory, the rows, the mapping to concepts and histories,
 * and then the replay of every card's history through the scheduler.
 *
 * Then the whole import of the same package through the server (scripts/bench/apkg-import.ts).
 *
 *   BENCH_ONLY=import npm run bench
 */

const NOTES = 20_000;
const REVIEWS = 500_000;
const FORMATS: PackageFormat[] = ["anki21", "anki21b"];

interface ChildReport {
  parseMs: number;
  parseCpuMs: number;
  replayMs: number;
  replayCpuMs: number;
  concepts: number;
  histories: number;
  reviews: number;
  errors: string[];
  maxRssMb: number;
  /** The peak after parsing, before the replay. */
  parseRssMb: number;
  baselineRssMb: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function child(file: string): void {
  const baselineRssMb = process.resourceUsage().maxRSS / 1024;
  const bytes = new Uint8Array(fs.readFileSync(file));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const preview = readAnkiPackage(bytes);
  const parseMs = performance.now() - started;
  const parseCpu = process.cpuUsage(cpuStart);
  const parseRssMb = process.resourceUsage().maxRSS / 1024;
  const replayStarted = performance.now();
  const replayCpuStart = process.cpuUsage();
  const replayed = replayImportedHistories(preview.histories, { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: true });
  const replayMs = performance.now() - replayStarted;
  const replayCpu = process.cpuUsage(replayCpuStart);
  const report: ChildReport = {
    parseMs,
    parseCpuMs: (parseCpu.user + parseCpu.system) / 1000,
    replayMs,
    replayCpuMs: (replayCpu.user + replayCpu.system) / 1000,
    concepts: preview.concepts.length,
    histories: replayed.length,
    reviews: preview.histories.reduce((sum, history) => sum + history.reviews.length, 0),
    errors: preview.errors,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    parseRssMb,
    baselineRssMb,
  };
  process.send!(report);
}

function runChild(file: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const worker = fork(__filename, ["--import-bench-child", file], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let report: ChildReport | null = null;
    worker.on("message", (message) => (report = message as ChildReport));
    worker.on("error", reject);
    worker.on("exit", (code) => (report ? resolve(report) : reject(new Error(`import bench child exited with ${code}`))));
  });
}

export async function benchImport(): Promise<void> {
  console.log(`\n## Anki package import: ${NOTES.toLocaleString("en")} notes, ${REVIEWS.toLocaleString("en")} reviews`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")}`,
  );
  const buildStarted = performance.now();
  const data = syntheticCollection(NOTES, REVIEWS);
  console.log(`synthetic collection: ${(performance.now() - buildStarted).toFixed(0)} ms`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-import-bench-"));
  try {
    for (const format of FORMATS) {
      const packStarted = performance.now();
      const file = path.join(dir, `synthetic-${format}.apkg`);
      fs.writeFileSync(file, buildAnkiPackage(data, format));
      const size = fs.statSync(file).size;
      const packMs = performance.now() - packStarted;
      const report = await runChild(file);
      if (report.errors.length > 0) throw new Error(`import of ${format} failed: ${report.errors.join("; ")}`);
      console.log(
        [
          `${format.padEnd(8)} package ${mb(size)} (built in ${packMs.toFixed(0)} ms)`,
          `parse ${report.parseMs.toFixed(0)} ms (CPU ${report.parseCpuMs.toFixed(0)} ms)`,
          `replay ${report.replayMs.toFixed(0)} ms (CPU ${report.replayCpuMs.toFixed(0)} ms)`,
          `${report.concepts} concepts, ${report.histories} cards with history, ${report.reviews} reviews`,
          `peak RSS ${report.parseRssMb.toFixed(0)} MB after parsing, ${report.maxRssMb.toFixed(0)} MB after the replay (process at start ${report.baselineRssMb.toFixed(0)} MB)`,
        ].join(" | "),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await benchApkgImportOverHttp(NOTES, REVIEWS);
}

if (process.argv[2] === "--import-bench-child") child(process.argv[3]);
