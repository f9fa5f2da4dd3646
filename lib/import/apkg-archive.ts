import { decompress } from "fzstd";
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

/** The largest block content zstd allows (RFC 8878 3.1.1.2.4, Block_Maximum_Size). */
const ZSTD_MAX_BLOCK = 128 * 1024;

/**
 * The most bytes one zstd frame can decode to, from its block headers alone (RFC 8878 3.1.1): a
 * raw or RLE block says its decoded size, a compressed block decodes to at most 128 KiB. Reading
 * the headers costs nothing, so a frame built to decode to gigabytes (thousands of 4-byte RLE
 * blocks) is refused before any output exists. Throws ZipError when the frame is malformed or
 * does not end where the data ends.
 */
export function zstdDecodedBound(bytes: Uint8Array, what: string): number {
  const damaged = () => new ZipError(`${what} is damaged (its zstd frame is malformed or cut short)`);
  if (!ZSTD_MAGIC.every((byte, i) => bytes[i] === byte))
    throw new ZipError(`${what} is not zstd-compressed as its package version says`);
  if (bytes.length < 6) throw damaged();
  const descriptor = bytes[4];
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = (descriptor >> 2) & 1;
  const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3];
  const contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][contentSizeFlag];
  let offset = 5 + (singleSegment ? 0 : 1) + dictionaryIdBytes + contentSizeBytes;
  let bound = 0;
  for (;;) {
    if (offset + 3 > bytes.length) throw damaged();
    const header = bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16);
    const last = header & 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    offset += 3;
    if (type === 0) {
      bound += size;
      offset += size;
    } else if (type === 1) {
      bound += size;
      offset += 1;
    } else if (type === 2) {
      bound += ZSTD_MAX_BLOCK;
      offset += size;
    } else throw damaged();
    if (offset > bytes.length) throw damaged();
    if (last) break;
  }
  if (offset + (hasChecksum ? 4 : 0) !== bytes.length) throw damaged();
  return bound;
}

/** Decodes one zstd frame, refusing a frame that could decode to more than `maxBytes` before decoding it. */
export function zstdDecompress(bytes: Uint8Array, maxBytes: number, what: string): Uint8Array {
  const bound = zstdDecodedBound(bytes, what);
  if (bound > maxBytes)
    throw new ZipError(`${what} unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB: refused as a possible zip bomb`);
  try {
    return decompress(bytes);
  } catch (error) {
    throw new ZipError(`${what} is damaged (zstd: ${error instanceof Error ? error.message : "decoding failed"})`);
  }
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
  } else if (entry.method === 0) {
    // A stored member is a view into the package's bytes: copy it before the header is changed below.
    collection = collection.slice();
  }
  if (collection.length < 100 || new TextDecoder().decode(collection.subarray(0, 16)) !== SQLITE_MAGIC)
    throw new ZipError(`${member} in the package is not an SQLite database`);
  // A collection written in WAL mode cannot be opened from memory: mark it as a rollback-journal file (header bytes 18-19).
  collection[18] = 1;
  collection[19] = 1;
  return { generation, collection, mediaNames: mediaNames(entries, bytes, generation, limits.maxTotalBytes) };
}
