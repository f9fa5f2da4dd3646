/**
 * Builds an .apkg in a process of its own, so writing tens of thousands of SQLite rows and
 * compressing the collection never holds the app server's thread. Started by
 * lib/server/export/apkg-process.ts with child_process.fork; one package per process, then it exits.
 * It only runs what it is given: the SQL and row values come from collectionPlan
 * (lib/server/export/anki-sqlite.ts) and the zip's entries from APKG_ENTRIES
 * (lib/server/export/apkg.ts), so its output is writeApkg's for the same data. It opens no file.
 *
 * In (IPC messages, in order): { type: "begin", schema, col: { sql, row }, tableSql: string[] };
 *   { type: "rows", table: index into tableSql, rows: value[][] } any number of times;
 *   { type: "finish", entries: [name, bytes | null (the collection), level][] }.
 * Out: { type: "result", bytes: Uint8Array, peakRssBytes } or { type: "error", message }.
 */
"use strict";

const Database = require("better-sqlite3");
const { zipSync } = require("fflate");

/** The last message, then exit once it has left (exiting at once could drop it). */
function finish(message) {
  if (process.send) process.send(message, () => process.exit(0));
  else process.exit(0);
}

let db = null;
let inserts = [];

function handle(message) {
  if (message.type === "begin") {
    db = new Database(":memory:");
    db.exec(message.schema);
    db.prepare(message.col.sql).run(...message.col.row);
    inserts = message.tableSql.map((sql) => db.prepare(sql));
    // One transaction for every row, as writeSchema11Collection writes them.
    db.exec("BEGIN");
  } else if (message.type === "rows") {
    const insert = inserts[message.table];
    for (const row of message.rows) insert.run(...row);
  } else if (message.type === "finish") {
    db.exec("COMMIT");
    const collection = new Uint8Array(db.serialize());
    db.close();
    const files = {};
    for (const [name, bytes, level] of message.entries) files[name] = [bytes ?? collection, { level }];
    const zipped = zipSync(files);
    finish({ type: "result", bytes: zipped, peakRssBytes: process.resourceUsage().maxRSS * 1024 });
  }
}

process.on("message", (message) => {
  try {
    handle(message);
  } catch (error) {
    finish({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
// The server went away: nothing to build for.
process.on("disconnect", () => process.exit(0));
