import Database from "better-sqlite3";
import { unzipSync, zipSync } from "fflate";
import { parseAnkiText } from "@/lib/import/anki-text";
import { unpackAnkiPackage, zstdDecodedBound } from "@/lib/import/apkg-archive";
import { parseNotes } from "@/lib/import/notes";
import { IMPORT_LIMITS } from "@/lib/import/types";
import { decodeImportText, firstInvalidUtf8, parseTextImport } from "@/lib/import/text-file";
import { readZipDirectory } from "@/lib/import/zip";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { buildAnkiPackage, PACKAGE_FORMATS, sampleCollection, zstdRawFrame } from "@/scripts/anki-fixtures";

/*
 * Malformed input: every case ends in a preview with one clear error and no concepts, never an
 * exception, and within a bounded time and memory (nothing is unpacked past the limits).
 */

function expectRefused(preview: { errors: string[]; concepts: unknown[] }, message: RegExp) {
  expect(preview.concepts).toEqual([]);
  expect(preview.errors).toEqual([expect.stringMatching(message)]);
}

/** A zip whose entry `name` holds `bytes`, then the directory's declared uncompressed size of it patched to `declared`. */
function withDeclaredSize(zip: Uint8Array, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, declared, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, declared, true);
  }
  return out;
}

/** One zstd frame of `blocks` RLE blocks of 128 KiB each: tiny on disk, `blocks` x 128 KiB unpacked. */
function zstdRleBomb(blocks: number): Uint8Array {
  const out = new Uint8Array(4 + 2 + blocks * 4);
  new DataView(out.buffer).setUint32(0, 0xfd2fb528, true);
  out[4] = 0; // no content size, not single segment
  out[5] = 7 << 3; // window 2^17
  for (let i = 0; i < blocks; i++) {
    const header = (i === blocks - 1 ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3);
    out.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0x41], 6 + i * 4);
  }
  return out;
}

function sqliteBytes(setup: string): Uint8Array {
  const db = new Database(":memory:");
  db.exec(setup);
  const bytes = new Uint8Array(db.serialize());
  db.close();
  return bytes;
}

describe("malformed Anki packages", () => {
  it.each(PACKAGE_FORMATS)("refuses a %s package cut short at any point with a clear error", (format) => {
    const whole = buildAnkiPackage(sampleCollection(), format);
    for (let cut = 0; cut < whole.length; cut += Math.ceil(whole.length / 23)) {
      const preview = readAnkiPackage(whole.subarray(0, cut));
      expectRefused(preview, /zip|cut short|damaged|SQLite|Anki/i);
    }
  });

  it("refuses random bytes and an empty file", () => {
    expectRefused(readAnkiPackage(new Uint8Array(0)), /not a zip archive/);
    expectRefused(readAnkiPackage(new Uint8Array(5000).map((_, i) => (i * 131) % 256)), /not a zip archive/);
  });

  it("refuses a file over 50 MB before reading it", () => {
    expectRefused(
      readAnkiPackage(new Uint8Array(50 * 1024 * 1024 + 1)),
      /^The file is 50\.0 MB, more than the 50\.0 MB an import takes$|more than the 50/,
    );
  });

  it("refuses a zip bomb from its declared sizes, before inflating anything", () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const bomb = zipSync({ "collection.anki2": [zeros, { level: 1 }] });
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    expectRefused(
      readAnkiPackage(bomb),
      /would unpack to 40 MB from 0\.0 MB, more than 20 times its size: refused as a possible zip bomb/,
    );
    expect(performance.now() - started).toBeLessThan(200);
    expect(() => readZipDirectory(bomb)).toThrow(/zip bomb/);
  });

  it("stops inflating an entry that produces more than it declared (a bomb that lies about its size)", () => {
    const liar = withDeclaredSize(zipSync({ "collection.anki2": [new Uint8Array(5 * 1024 * 1024), { level: 1 }] }), 4096);
    expectRefused(readAnkiPackage(liar), /unpacks to more than its declared 4096 bytes: refused as a possible zip bomb/);
  });

  it("refuses a zstd collection that would unpack out of proportion, from its block headers, before decoding", () => {
    // 16,000 RLE blocks: 64 KB on disk, 2 GB unpacked.
    const files = { meta: new Uint8Array([8, 3]), "collection.anki21b": zstdRleBomb(16_000) };
    const started = performance.now();
    expectRefused(
      readAnkiPackage(zipSync(files)),
      /collection \(collection\.anki21b\) unpacks to more than \d+ MB: refused as a possible zip bomb/,
    );
    expect(performance.now() - started).toBeLessThan(500);
    expect(zstdDecodedBound(zstdRleBomb(16_000), "x")).toBe(16_000 * 128 * 1024);
  });

  it("refuses a zstd frame cut short or with trailing bytes", () => {
    const frame = zstdRawFrame(new Uint8Array(1000).fill(1));
    expect(() => zstdDecodedBound(frame.subarray(0, frame.length - 10), "The collection")).toThrow(
      "The collection is damaged (its zstd frame is malformed or cut short)",
    );
    expect(() => zstdDecodedBound(new Uint8Array([...frame, 0]), "The collection")).toThrow("is damaged");
    expect(zstdDecodedBound(frame, "x")).toBe(1000);
  });

  it("refuses a package from a newer Anki and a zip that is not an Anki package", () => {
    expectRefused(
      readAnkiPackage(zipSync({ meta: new Uint8Array([8, 4]), "collection.anki21b": new Uint8Array(10) })),
      /newer Anki \(package version 4\)/,
    );
    expectRefused(
      readAnkiPackage(zipSync({ "notes.txt": new TextEncoder().encode("hello") })),
      /not an Anki package: it has no collection\.anki2/,
    );
    expectRefused(
      readAnkiPackage(
        zipSync({ meta: new Uint8Array([8, 3]), "collection.anki21b": new TextEncoder().encode("SQLite format 3\0") }),
      ),
      /not zstd-compressed/,
    );
  });

  it("refuses a collection that is not SQLite, or SQLite that is not an Anki collection", () => {
    expectRefused(
      readAnkiPackage(zipSync({ "collection.anki2": new Uint8Array(4096).fill(7) })),
      /collection\.anki2 in the package is not an SQLite database/,
    );
    const other = sqliteBytes("create table users (id integer primary key, name text); insert into users values (1, 'a');");
    expectRefused(
      readAnkiPackage(zipSync({ "collection.anki2": other })),
      /SQLite database that is not an Anki collection \(it has no "col" table\)/,
    );
  });

  it("refuses an Anki collection with wrong columns, naming the missing one", () => {
    const files = unzipSync(buildAnkiPackage(sampleCollection(), "anki2"));
    const db = new Database(Buffer.from(files["collection.anki2"]));
    db.exec("alter table notes rename column flds to fields_renamed");
    files["collection.anki2"] = new Uint8Array(db.serialize());
    db.close();
    expectRefused(readAnkiPackage(zipSync(files)), /could not be read as an Anki collection \(no such column: flds\)/);
  });

  it("refuses a damaged deflate stream and a damaged version record", () => {
    const files = unzipSync(buildAnkiPackage(sampleCollection(), "anki2"));
    const good = zipSync({ "collection.anki2": [files["collection.anki2"], { level: 6 }] });
    const broken = good.slice();
    // Flip bytes in the middle of the deflated collection.
    for (let i = 200; i < 260; i++) broken[i] ^= 0xff;
    expectRefused(readAnkiPackage(broken), /damaged|not an SQLite|could not be read/);
    expectRefused(
      readAnkiPackage(zipSync({ meta: new Uint8Array([0x08]), "collection.anki2": files["collection.anki2"] })),
      /version record \(meta\) is damaged/,
    );
  });

  it("refuses a package with more notes or reviews than the limits, counted before the rows are read", () => {
    const pkg = buildAnkiPackage(sampleCollection(), "anki21b");
    expectRefused(
      readAnkiPackage(pkg, { ...IMPORT_LIMITS, maxNotes: 4 }),
      /^The package has 5 notes, more than the 4 one import takes$/,
    );
    expectRefused(
      readAnkiPackage(pkg, { ...IMPORT_LIMITS, maxReviews: 15 }),
      /^The package has 16 reviews, more than the 15 one import takes$/,
    );
    expect(readAnkiPackage(pkg, { ...IMPORT_LIMITS, maxNotes: 5, maxReviews: 16 }).errors).toEqual([]);
  });

  it("reads a stored (uncompressed) collection in WAL mode without changing the caller's bytes", () => {
    const collection = unzipSync(buildAnkiPackage(sampleCollection(), "anki2"))["collection.anki2"].slice();
    collection[18] = 2;
    collection[19] = 2;
    const pkg = zipSync({ "collection.anki2": [collection, { level: 0 }] });
    const before = pkg.slice();
    expect(readAnkiPackage(pkg).concepts).toHaveLength(4);
    expect(Buffer.compare(pkg, before)).toBe(0);
  });

  it("unpacks the real thing within the limits", () => {
    expect(unpackAnkiPackage(buildAnkiPackage(sampleCollection(), "anki21b")).generation).toBe("latest");
  });
});

describe("malformed text files", () => {
  const tenMegabyteLine = "word ".repeat(2 * 1024 * 1024);

  it("skips a 10 MB single line of notes with its reason, quickly", () => {
    const started = performance.now();
    const preview = parseNotes(tenMegabyteLine);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(preview.skipped).toEqual([
      { line: 1, text: expect.any(String), reason: "the line is 10,485,760 characters long, more than any definition" },
    ]);
    expect(preview.errors).toEqual([expect.stringMatching(/^No definitions found in 1 non-empty line/)]);
  });

  it("refuses a 10 MB single line as an Anki text file, quickly", () => {
    const started = performance.now();
    expectRefused(
      parseAnkiText(tenMegabyteLine),
      /^Line 1: 2,097,153 columns separated by " ": more than 1,000, so the separator is probably wrong/,
    );
    expectRefused(parseAnkiText("x".repeat(10 * 1024 * 1024)), /^Line 1: a note needs two columns/);
    expectRefused(parseAnkiText(`Term\t${"x".repeat(10 * 1024 * 1024)}`), /No note in the file can become a concept/);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it("refuses invalid UTF-8 and names the line and byte", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("Term: fine\nBad: caf"),
      0xe9,
      ...new TextEncoder().encode(" here\n"),
    ]);
    expect(decodeImportText(bytes)).toEqual({
      ok: false,
      error: "The file is not UTF-8 text (line 2, byte 20 is not valid UTF-8): save it as UTF-8 and try again",
    });
    expectRefused(parseTextImport("notes.md", bytes), /not UTF-8/);
  });

  it.each([
    [[0xc0, 0x80], 0],
    [[0x41, 0xed, 0xa0, 0x80], 1],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x41, 0xe2, 0x82], 1],
    [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
  ])("finds the first invalid UTF-8 byte in %j at %d", (bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });

  it("routes text files to the right parser", () => {
    const enc = (text: string) => new TextEncoder().encode(text);
    expect(parseTextImport("deck.md", enc("---\ntitle: T\n---\n\n## Term\nA definition here.\n")).format).toBe("mesa-deck");
    expect(parseTextImport("cards.txt", enc("#separator:tab\nA\tB\n")).format).toBe("anki-text");
    expect(parseTextImport("cards.csv", enc("A,B\n")).format).toBe("anki-text");
    expect(parseTextImport("notes.txt", enc("\uFEFFTerm: a definition of it\n")).concepts.map((c) => c.term)).toEqual(["Term"]);
  });
});
