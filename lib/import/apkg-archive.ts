import { Decompress } from "fzstd";
import { bytesFields, decodeMessage, varintField } from "./protobuf";
import { PACKAGE_ZIP_LIMITS, readZipDirectory, readZipEntry, ZipError, type ZipEntry, type ZipLimits } from "./zip";

/*
 * An Anki package (.apkg/.colpkg) unpacked as far as Mesa needs it: which generation wrote it, the
 * collection's SQLite bytes and the names of its media files. Detection follows Anki's own
 * (rslib/src/import_export/package/meta.rs, ANKI.md section 1): a `meta` member names the version;
 * without one, `collection.anki21` means legacy 2, else legacy 1. Only the latest generation is
 * zstd-compressed. The stub `collection.anki2` beside a newer collection is never read.
 */

export type PackageGeneration = "legacy1" | "legacy2" | "latest";

export interface UnpackedPackage {
  generation: PackageGeneration;
  /** SQLite bytes of the collection, ready to open (header's WAL flags cleared). */
  collection: Uint8Array;
  /** The media files the package carries, by name (Mesa does not import them; the preview says so). */
  mediaNames: string[];
}

const SQLITE_MAGIC = "SQLite format 3\0";
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

const COLLECTION_MEMBER: Record<PackageGeneration, string> = {
  legacy1: "collection.anki2",
  legacy2: "collection.anki21",
  latest: "collection.anki21b",
};

/** Decodes one zstd frame, refusing more than `maxBytes` of output before it is all produced. */
export function zstdDecompress(bytes: Uint8Array, maxBytes: number, what: string): Uint8Array {
  if (!ZSTD_MAGIC.every((byte, i) => bytes[i] === byte))
    throw new ZipError(`${what} is not zstd-compressed as its package version says`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes)
      throw new ZipError(`${what} unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB: refused as a possible zip bomb`);
    chunks.push(chunk);
  });
  try {
    const CHUNK = 64 * 1024;
    for (let i = 0; i < bytes.length; i += CHUNK) stream.push(bytes.subarray(i, i + CHUNK), i + CHUNK >= bytes.length);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(`${what} is damaged (zstd: ${error instanceof Error ? error.message : "decoding failed"})`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function generationOf(entries: Map<string, ZipEntry>, bytes: Uint8Array): PackageGeneration {
  const meta = entries.get("meta");
  if (meta) {
    let version: number;
    try {
      version = varintField(decodeMessage(readZipEntry(bytes, meta)), 1);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError("The package's version record (meta) is damaged");
    }
    if (version === 1) return "legacy1";
    if (version === 2) return "legacy2";
    if (version === 3) return "latest";
    throw new ZipError(
      `The package was written by a newer Anki (package version ${version}); export it with "Support older Anki versions" ticked`,
    );
  }
  return entries.has("collection.anki21") ? "legacy2" : "legacy1";
}

function mediaNames(
  entries: Map<string, ZipEntry>,
  bytes: Uint8Array,
  generation: PackageGeneration,
  maxBytes: number,
): string[] {
  const media = entries.get("media");
  if (!media) return [];
  try {
    const raw = readZipEntry(bytes, media);
    if (generation === "latest") {
      // MediaEntries: repeated field 1 = entry { name = 1, size = 2, sha1 = 3 }.
      const decoder = new TextDecoder();
      return bytesFields(decodeMessage(zstdDecompress(raw, maxBytes, "The media list")), 1).flatMap((entry) =>
        bytesFields(decodeMessage(entry), 1).map((name) => decoder.decode(name)),
      );
    }
    const map: unknown = JSON.parse(new TextDecoder().decode(raw) || "{}");
    return map && typeof map === "object" ? Object.values(map).filter((name): name is string => typeof name === "string") : [];
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError("The package's media list is damaged");
  }
}

/** Unpacks a package. Throws ZipError with a sentence for the learner. */
export function unpackAnkiPackage(bytes: Uint8Array, limits: ZipLimits = PACKAGE_ZIP_LIMITS): UnpackedPackage {
  const directory = readZipDirectory(bytes, limits);
  const entries = new Map(directory.map((entry) => [entry.name, entry]));
  const generation = generationOf(entries, bytes);
  const member = COLLECTION_MEMBER[generation];
  const entry = entries.get(member);
  if (!entry) throw new ZipError(`The file is a zip archive but not an Anki package: it has no ${member}`);
  let collection = readZipEntry(bytes, entry);
  if (generation === "latest") {
    const declared = directory.reduce((sum, e) => sum + e.size, 0);
    const budget = Math.min(limits.maxTotalBytes, Math.max(limits.ratioFloorBytes, bytes.length * limits.maxRatio)) - declared;
    collection = zstdDecompress(collection, Math.max(budget, 0), `The collection (${member})`);
  } else collection = collection.slice();
  if (collection.length < 100 || new TextDecoder().decode(collection.subarray(0, 16)) !== SQLITE_MAGIC)
    throw new ZipError(`${member} in the package is not an SQLite database`);
  // A collection written in WAL mode cannot be opened from memory: mark it as a rollback-journal file (header bytes 18-19).
  collection[18] = 1;
  collection[19] = 1;
  return { generation, collection, mediaNames: mediaNames(entries, bytes, generation, limits.maxTotalBytes) };
}
