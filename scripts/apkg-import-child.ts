/**
 * Reads an Anki package and replays its review history in a process of its own, so the seconds of
 * CPU a large package takes (20,000 notes and 500,000 reviews: about 15 s) never hold the app
 * server's thread. Started by lib/server/import/apkg-jobs.ts through forkBackgroundChild, with tsx
 * loaded (`--import tsx`) and the react-server condition, so it runs the same TypeScript readers
 * the tests run; one package per process, then it exits. It opens no database file.
 *
 * In (IPC messages): { type: "bytes", bytes: Uint8Array } any number of times (the package in
 *   order, in slices), then { type: "read", settings: SchedulerSettings }.
 * Out: { type: "progress", stage: "reading" | "replaying", done, total } any number of times;
 *   { type: "concepts", items } and { type: "histories", items } in slices (ReplayedHistory items),
 *   then { type: "result", preview (without concepts or histories), peakRssBytes };
 *   or { type: "error", message }.
 */
import { replayImportedHistories, type ReplayedHistory } from "@/lib/import/replay-histories";
import type { ImportedConcept, ImportPreview } from "@/lib/import/types";
import type { SchedulerSettings } from "@/lib/srs/settings";
import { readAnkiPackage } from "@/lib/server/import/apkg";

/** Histories replayed between two progress messages, and concepts per message. */
const SLICE = 2000;
/**
 * Replayed answers per message. The server decodes each message in one go on its thread, and the
 * replayed answers are most of the work (about 8 ms per thousand here): slices of this size keep
 * each turn short, so other requests are answered in between.
 */
const REVIEWS_PER_MESSAGE = 2500;

type Incoming = { type: "bytes"; bytes: Uint8Array } | { type: "read"; settings: SchedulerSettings };

function send(message: unknown): Promise<void> {
  return new Promise((done, failed) => {
    if (!process.send) return done();
    process.send(message, undefined, {}, (error) => (error ? failed(error) : done()));
  });
}

/** Sends the concepts a slice per message: each message is decoded by the server in one go, so none is large. */
async function sendConcepts(items: readonly ImportedConcept[]): Promise<void> {
  for (let from = 0; from < items.length; from += SLICE) await send({ type: "concepts", items: items.slice(from, from + SLICE) });
}

/** Sends the replayed histories in messages of about REVIEWS_PER_MESSAGE answers. */
async function sendHistories(items: readonly ReplayedHistory[]): Promise<void> {
  let slice: ReplayedHistory[] = [];
  let reviews = 0;
  for (const item of items) {
    slice.push(item);
    reviews += item.reviews.length;
    if (reviews >= REVIEWS_PER_MESSAGE) {
      await send({ type: "histories", items: slice });
      slice = [];
      reviews = 0;
    }
  }
  if (slice.length > 0) await send({ type: "histories", items: slice });
}

async function handle(bytes: Uint8Array, settings: SchedulerSettings): Promise<void> {
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
  await sendConcepts(concepts);
  await sendHistories(replayed);
  await send({
    type: "result",
    preview: { ...preview, concepts: [], histories: [] },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
}

const slices: Uint8Array[] = [];

// After its last message the child waits to be ended by the server, which does so once it has
// that message: exiting first could let the server see the exit before the last messages.
process.on("message", (message: Incoming) => {
  if (message.type === "bytes") {
    slices.push(message.bytes);
    return;
  }
  const bytes = new Uint8Array(slices.reduce((size, slice) => size + slice.byteLength, 0));
  let offset = 0;
  for (const slice of slices.splice(0)) {
    bytes.set(slice, offset);
    offset += slice.byteLength;
  }
  handle(bytes, message.settings).catch((error: unknown) =>
    send({ type: "error", message: error instanceof Error ? error.message : String(error) }).catch(() => process.exit(1)),
  );
});
// The server went away: nothing to read for.
process.on("disconnect", () => process.exit(0));
