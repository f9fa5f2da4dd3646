/**
 * Reads an Anki package and replays its review history in a process of its own, so the seconds of
 * CPU a large package takes (20,000 notes and 500,000 reviews: about 15 s) never hold the app
 * server's thread. Started by lib/server/import/apkg-jobs.ts through forkBackgroundChild, with tsx
 * loaded (`--import tsx`) and the react-server condition, so it runs the same TypeScript readers
 * the tests run; one package per process, then it exits. It opens no database file.
 *
 * In (one IPC message): { type: "read", bytes: Uint8Array, settings: SchedulerSettings }.
 * Out: { type: "progress", stage: "reading" | "replaying", done, total } any number of times;
 *   { type: "concepts", items } and { type: "histories", items } in slices (ReplayedHistory items),
 *   then { type: "result", preview (without concepts or histories), peakRssBytes };
 *   or { type: "error", message }.
 */
import { replayImportedHistories, type ReplayedHistory } from "@/lib/import/replay-histories";
import type { ImportedConcept, ImportPreview } from "@/lib/import/types";
import type { SchedulerSettings } from "@/lib/srs/settings";
import { readAnkiPackage } from "@/lib/server/import/apkg";

/** Histories replayed between two progress messages, and items per result message. */
const SLICE = 2000;

type Incoming = { type: "read"; bytes: Uint8Array; settings: SchedulerSettings };

function send(message: unknown): Promise<void> {
  return new Promise((done, failed) => {
    if (!process.send) return done();
    process.send(message, undefined, {}, (error) => (error ? failed(error) : done()));
  });
}

/** Sends `items` a slice per message: each message is decoded by the server in one go, so none is large. */
async function sendSlices<T>(type: "concepts" | "histories", items: readonly T[]): Promise<void> {
  for (let from = 0; from < items.length; from += SLICE) await send({ type, items: items.slice(from, from + SLICE) });
}

async function handle({ bytes, settings }: Incoming): Promise<void> {
  await send({ type: "progress", stage: "reading", done: 0, total: 1 });
  const preview: ImportPreview = readAnkiPackage(bytes);
  const concepts: ImportedConcept[] = preview.errors.length > 0 ? [] : preview.concepts;
  const histories = preview.errors.length > 0 ? [] : preview.histories;
  const replayed: ReplayedHistory[] = [];
  for (let from = 0; from < histories.length; from += SLICE) {
    await send({ type: "progress", stage: "replaying", done: from, total: histories.length });
    replayed.push(...replayImportedHistories(histories.slice(from, from + SLICE), settings));
  }
  await send({ type: "progress", stage: "replaying", done: histories.length, total: histories.length });
  await sendSlices("concepts", concepts);
  await sendSlices("histories", replayed);
  await send({
    type: "result",
    preview: { ...preview, concepts: [], histories: [] },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
}

// After its last message the child waits to be ended by the server, which does so once it has
// that message: exiting first could let the server see the exit before the last messages.
process.once("message", (message: Incoming) => {
  handle(message).catch((error: unknown) =>
    send({ type: "error", message: error instanceof Error ? error.message : String(error) }).catch(() => process.exit(1)),
  );
});
// The server went away: nothing to read for.
process.on("disconnect", () => process.exit(0));
