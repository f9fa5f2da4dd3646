import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { createSession } from "@/lib/server/session-rows";
import { createUser } from "@/lib/server/users";
import { buildAnkiPackage, syntheticCollection } from "../anki-fixtures";
import { startNextServer } from "../next-server";
import {
  benchDatabase,
  groupCpuMs,
  groupPeakRss,
  healthCells,
  healthLatencies,
  mib,
  resetPeakRss,
  sessionCookie,
} from "./probes";

/*
 * The whole import of a 20,000-note Anki package with 500,000 reviews under `next start`, as the
 * import page does it: the upload (POST /api/import/apkg), the reading and replay in the child
 * process (polled through GET until the summary is ready), the confirmation into a new deck
 * (POST /api/import/apkg/confirm) and the write, polled until done. Printed: each step's wall
 * time, the server's CPU time and peak memory (its process group: the reading child included),
 * and /api/health's latency meanwhile beside the same poller with nothing else running.
 */

const IDLE_SECONDS = 5;
const POLL_MS = 250;

interface JobState {
  status: string;
  stage: string;
  progress: number;
  errors: string[];
  storeError: string | null;
  outcome: { added: number; cards: number; reviews: number; deckIds: string[] } | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchApkgImportOverHttp(notes: number, reviews: number): Promise<void> {
  console.log(
    `\n== The whole import over HTTP, under next start: ${notes.toLocaleString("en")} notes, ${reviews.toLocaleString("en")} reviews\n`,
  );
  const database = benchDatabase("apkg");
  if (!database) return;
  const { dir, env } = database;
  const user = await createUser({ username: "importer", password: "bench importer password", timeZone: "UTC" }, new Date());
  const token = await createSession(user.id, "mesa-bench", new Date());
  const cookie = await sessionCookie(token);
  const bytes = buildAnkiPackage(syntheticCollection(notes, reviews), "anki21");
  const server = await startNextServer(env);
  const pgid = server.child.pid!;
  try {
    const base = server.baseUrl;
    const headers = { cookie, origin: base };
    await healthLatencies(base, 2);
    const idle = await healthLatencies(base, IDLE_SECONDS);
    console.log(`/api/health, 2 connections in a loop, nothing else running: ${healthCells(idle)}`);

    const poll = async (jobId: string, until: string[]): Promise<JobState> => {
      for (;;) {
        const response = await fetch(`${base}/api/import/apkg?job=${jobId}`, { headers });
        const state = (await response.json()) as JobState;
        if (until.includes(state.status) || state.status === "failed") return state;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    const steps: Record<string, number> = {};
    let outcome: JobState["outcome"] = null;
    const cpuBefore = groupCpuMs(pgid);
    resetPeakRss(pgid);
    const run = (async () => {
      const started = performance.now();
      const upload = await fetch(`${base}/api/import/apkg?name=synthetic.apkg`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/octet-stream" },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
      if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
      const { jobId } = (await upload.json()) as { jobId: string };
      steps.upload = performance.now() - started;
      const read = await poll(jobId, ["ready"]);
      if (read.status !== "ready") throw new Error(`reading failed: ${read.errors.join("; ")}`);
      steps.read = performance.now() - started - steps.upload;
      const confirmed = performance.now();
      const confirm = await fetch(`${base}/api/import/apkg/confirm`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ jobId, newDeckTitle: "Synthetic" }),
      });
      if (confirm.status !== 202) throw new Error(`confirm answered ${confirm.status}: ${await confirm.text()}`);
      const stored = await poll(jobId, ["done"]);
      if (stored.status !== "done") throw new Error(`the write failed: ${stored.storeError ?? stored.errors.join("; ")}`);
      steps.write = performance.now() - confirmed;
      steps.total = performance.now() - started;
      outcome = stored.outcome;
    })();
    const during = await healthLatencies(base, 1800, run);
    await run;
    const cpu = groupCpuMs(pgid) - cpuBefore;
    const peak = groupPeakRss(pgid);
    const done = outcome as JobState["outcome"];
    console.log(
      `package ${(bytes.length / 1024 / 1024).toFixed(1)} MiB (anki21); imported ${done?.added.toLocaleString("en")} concepts, ` +
        `${done?.cards.toLocaleString("en")} cards, ${done?.reviews.toLocaleString("en")} reviews into ${done?.deckIds.length} decks`,
    );
    console.log(
      `upload ${seconds(steps.upload)}, reading and replay in the child ${seconds(steps.read)}, write ${seconds(steps.write)}; ` +
        `total ${seconds(steps.total)}; server CPU ${seconds(cpu)}; server peak RSS (with its children) ${mib(peak)}`,
    );
    console.log(`/api/health, 2 connections in a loop, during the import:   ${healthCells(during)}`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
