import { Inflate } from "fflate";

/*
 * A zip reader that decides from the central directory, before inflating anything, whether the
 * archive may be unpacked: too big a file, too many entries, or declared sizes out of proportion
 * to the file (a zip bomb) are refused. Inflating then stops as soon as an entry produces more
 * than it declared, so a bomb that lies about its sizes is caught too. fflate does the inflating.
 */

export interface ZipLimits {
  /** The largest archive accepted. */
  maxArchiveBytes: number;
  /** The largest total uncompressed size. */
  maxTotalBytes: number;
  /** The most the total uncompressed size may exceed the archive's size by, once above `ratioFloorBytes`. */
  maxRatio: number;
  /** Below this total, any ratio is fine: a small SQLite file of empty pages compresses very well. */
  ratioFloorBytes: number;
  maxEntries: number;
}

export const PACKAGE_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 50 * 1024 * 1024,
  maxTotalBytes: 500 * 1024 * 1024,
  maxRatio: 20,
  ratioFloorBytes: 16 * 1024 * 1024,
  maxEntries: 200_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipError extends Error {}

const MB = 1024 * 1024;
const formatMb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The central directory's entries, after the size checks. Throws ZipError with a sentence for the learner. */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = PACKAGE_ZIP_LIMITS): ZipEntry[] {
  if (bytes.length > limits.maxArchiveBytes)
    throw new ZipError(
      `The file is ${formatMb(bytes.length)}, more than the ${formatMb(limits.maxArchiveBytes)} an import takes`,
    );
  const data = view(bytes);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (data.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new ZipError("The file is not a zip archive, or it is cut short (no end of central directory)");
  const count = data.getUint16(end + 10, true);
  const directorySize = data.getUint32(end + 12, true);
  const directoryOffset = data.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ZipError("The archive uses the zip64 format, which an Anki package never needs");
  if (count > limits.maxEntries)
    throw new ZipError(`The archive has ${count} entries, more than the ${limits.maxEntries} accepted`);
  if (directoryOffset + directorySize > end) throw new ZipError("The zip archive is damaged: its directory points past its end");
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > end || data.getUint32(offset, true) !== 0x02014b50)
      throw new ZipError("The zip archive is damaged: a directory entry is missing");
    const method = data.getUint16(offset + 10, true);
    const compressedSize = data.getUint32(offset + 20, true);
    const size = data.getUint32(offset + 24, true);
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const localHeaderOffset = data.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > limits.maxTotalBytes)
    throw new ZipError(
      `The archive would unpack to ${formatMb(total)}, more than the ${formatMb(limits.maxTotalBytes)} accepted`,
    );
  if (total > limits.ratioFloorBytes && total > bytes.length * limits.maxRatio)
    throw new ZipError(
      `The archive would unpack to ${formatMb(total)} from ${formatMb(bytes.length)}, more than ${limits.maxRatio} times its size: refused as a possible zip bomb`,
    );
  return entries;
}

/** One entry's bytes: stored or deflated, never more than its declared size. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || data.getUint32(local, true) !== 0x04034b50)
    throw new ZipError(`The zip archive is damaged: the entry "${entry.name}" is missing`);
  const start = local + 30 + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length)
    throw new ZipError(`The zip archive is cut short: "${entry.name}" is incomplete`);
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size)
      throw new ZipError(`The zip archive is damaged: "${entry.name}" has two different sizes`);
    return compressed;
  }
  if (entry.method !== 8)
    throw new ZipError(`"${entry.name}" is compressed with method ${entry.method}; only stored and deflate are read`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflate = new Inflate((chunk) => {
    if (written + chunk.length > entry.size)
      throw new ZipError(`"${entry.name}" unpacks to more than its declared ${entry.size} bytes: refused as a possible zip bomb`);
    out.set(chunk, written);
    written += chunk.length;
  });
  const CHUNK = 64 * 1024;
  try {
    for (let i = 0; i < compressed.length; i += CHUNK)
      inflate.push(compressed.subarray(i, i + CHUNK), i + CHUNK >= compressed.length);
    if (compressed.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(
      `"${entry.name}" in the zip archive is damaged (${error instanceof Error ? error.message : "inflate failed"})`,
    );
  }
  if (written !== entry.size)
    throw new ZipError(
      `"${entry.name}" unpacks to ${written} bytes, not the ${entry.size} its directory declares: the archive is damaged`,
    );
  return out;
}
