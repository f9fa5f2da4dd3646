/*
 * Just enough protobuf to read the few messages an Anki package holds (ANKI.md section 2): varint,
 * length-delimited and fixed fields, iterated in order. No .proto files, no schema: a caller asks
 * for the field numbers it knows.
 */

export type ProtoValue =
  | { field: number; wire: 0; value: number }
  | { field: number; wire: 2; bytes: Uint8Array }
  | { field: number; wire: 1 | 5; bytes: Uint8Array };

function readVarint(bytes: Uint8Array, start: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  let i = start;
  for (;;) {
    if (i >= bytes.length) throw new Error("truncated varint");
    const byte = bytes[i++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i];
    scale *= 128;
    if (scale > 2 ** 63) throw new Error("varint too long");
  }
}

/** The message's fields in order. Throws on malformed bytes. */
export function decodeMessage(bytes: Uint8Array): ProtoValue[] {
  const fields: ProtoValue[] = [];
  let i = 0;
  while (i < bytes.length) {
    const [key, afterKey] = readVarint(bytes, i);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    i = afterKey;
    if (wire === 0) {
      const [value, next] = readVarint(bytes, i);
      fields.push({ field, wire, value });
      i = next;
    } else if (wire === 2) {
      const [length, next] = readVarint(bytes, i);
      if (next + length > bytes.length) throw new Error("truncated field");
      fields.push({ field, wire, bytes: bytes.subarray(next, next + length) });
      i = next + length;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (i + size > bytes.length) throw new Error("truncated field");
      fields.push({ field, wire, bytes: bytes.subarray(i, i + size) });
      i += size;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

/** The last varint value of a field (protobuf's rule for repeated scalars read as one), or `fallback`. */
export function varintField(fields: ProtoValue[], field: number, fallback = 0): number {
  const found = fields.filter((f): f is Extract<ProtoValue, { wire: 0 }> => f.field === field && f.wire === 0).at(-1);
  return found ? found.value : fallback;
}

export function bytesFields(fields: ProtoValue[], field: number): Uint8Array[] {
  return fields.filter((f): f is Extract<ProtoValue, { wire: 2 }> => f.field === field && f.wire === 2).map((f) => f.bytes);
}

/* Writing, for the fixtures and the tests: varints and length-delimited fields only. */

export function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

export function encodeVarintField(field: number, value: number): number[] {
  return [...encodeVarint(field * 8), ...encodeVarint(value)];
}

export function encodeBytesField(field: number, bytes: Uint8Array | number[]): number[] {
  return [...encodeVarint(field * 8 + 2), ...encodeVarint(bytes.length), ...bytes];
}
