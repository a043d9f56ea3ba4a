// The small part of the zip format an `.npz` needs: the central directory (zip64 included, since
// NumPy writes its members with zip64 local headers), each member's data range, and inflating a
// member whole, in pieces, or only its first bytes. Decompression is fflate's; the directory is read
// here so every member's header can be peeked at without inflating the rest of it.

import { Inflate, inflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  /** CRC-32 of the uncompressed bytes: deflate itself would decode many corruptions silently. */
  crc: number;
  compressedSize: number;
  size: number;
  /** Byte offset of the member's local header. */
  localOffset: number;
}

export interface ZipError {
  error: string;
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

function findEndRecord(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 65535);
  for (let at = last; at >= first; at--) if (view.getUint32(at, true) === EOCD) return at;
  return -1;
}

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | ZipError {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length >= 22 ? findEndRecord(view) : -1;
  if (end < 0) {
    const looksZip = bytes.length >= 4 && view.getUint32(0, true) === LOCAL;
    return {
      error: looksZip
        ? 'corrupt .npz: the zip end-of-central-directory record is missing (the file is probably truncated)'
        : 'not an .npz (zip) file: expected a zip archive with an end-of-central-directory record, found none',
      offset: bytes.length,
    };
  }
  let count = view.getUint16(end + 10, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === U32) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
      return { error: 'corrupt .npz: the zip64 end-of-central-directory locator is missing', offset: end };
    }
    const record = u64(view, locator + 8);
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_EOCD) {
      return {
        error: `corrupt .npz: expected the zip64 end-of-central-directory record at byte offset ${record}`,
        offset: locator,
      };
    }
    count = u64(view, record + 32);
    directoryOffset = u64(view, record + 48);
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      return {
        error: `corrupt .npz: expected central directory entry ${i + 1} of ${count} at byte offset ${at}`,
        offset: at,
      };
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > bytes.length)
      return {
        error: `corrupt .npz: central directory entry ${i + 1} runs past the end of the file`,
        offset: at,
      };
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes),
      method: view.getUint16(at + 10, true),
      flags,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Sizes and offset that did not fit 32 bits are in the zip64 extra field, in this order. */
function readZip64Extra(view: DataView, from: number, length: number, entry: ZipEntry): void {
  for (let at = from; at + 4 <= from + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const fieldEnd = at + 4 + size;
      if (entry.size === U32 && field + 8 <= fieldEnd) {
        entry.size = u64(view, field);
        field += 8;
      }
      if (entry.compressedSize === U32 && field + 8 <= fieldEnd) {
        entry.compressedSize = u64(view, field);
        field += 8;
      }
      if (entry.localOffset === U32 && field + 8 <= fieldEnd) entry.localOffset = u64(view, field);
      return;
    }
    at += 4 + size;
  }
}

/** The member's raw (possibly compressed) bytes and where they start in the archive. */
export function entryData(
  bytes: Uint8Array,
  entry: ZipEntry,
): { data: Uint8Array; start: number } | ZipError {
  const at = entry.localOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    return {
      error: `corrupt .npz: expected the local header of '${entry.name}' at byte offset ${at}`,
      offset: at,
    };
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    return {
      error: `corrupt .npz: member '${entry.name}' needs ${entry.compressedSize} bytes from byte offset ${start}, but the file ends at ${bytes.length}`,
      offset: start,
    };
  }
  if (entry.flags & 1)
    return { error: `member '${entry.name}' is encrypted: encrypted .npz files cannot be read`, offset: at };
  if (entry.method !== 0 && entry.method !== 8) {
    return {
      error: `member '${entry.name}' uses zip compression method ${entry.method}: expected 0 (stored) or 8 (deflate)`,
      offset: at,
    };
  }
  return { data: bytes.subarray(start, start + entry.compressedSize), start };
}

const PIECE = 1 << 16;

/**
 * Feeds the member's uncompressed bytes to `sink` in pieces; `sink` returns false to stop early.
 * Returns an error message when the deflate stream is corrupt.
 */
export function inflateEntry(
  data: Uint8Array,
  method: number,
  sink: (chunk: Uint8Array) => boolean,
): string | undefined {
  if (method === 0) {
    for (let at = 0; at < data.length; at += PIECE)
      if (!sink(data.subarray(at, Math.min(data.length, at + PIECE)))) return undefined;
    return undefined;
  }
  let stopped = false;
  const inflater = new Inflate((chunk) => {
    if (!stopped && chunk.length > 0) stopped = !sink(chunk);
  });
  try {
    // Small first pieces so a header peek stops early; at most 64 KiB so that, when the stream is
    // corrupt, little of what was decoded before the fault is lost with the piece that hit it.
    let size = 256;
    for (let at = 0; at < data.length && !stopped; at += size, size = Math.min(PIECE, size * 2)) {
      const to = Math.min(data.length, at + size);
      inflater.push(data.subarray(at, to), to === data.length);
    }
  } catch (caught) {
    return caught instanceof Error ? caught.message : String(caught);
  }
  return undefined;
}

/** Deflate cannot expand more than about 1032:1; a larger claimed size is a corrupt directory. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * The whole uncompressed member in one buffer (stored: the archive's own bytes, no copy), or
 * undefined when it cannot be had in one go (corrupt stream, implausible size): the caller then
 * streams it with `inflateEntry` to keep what precedes the fault. One-shot inflation is about
 * twice as fast as streaming, and hands the .npy parser one chunk, so one block.
 */
export function inflateWhole(data: Uint8Array, method: number, size: number): Uint8Array | undefined {
  if (method === 0) return data;
  if (size > MAX_DEFLATE_RATIO * data.length + 1024 || size > 2 ** 31) return undefined;
  try {
    return inflateSync(data, { out: new Uint8Array(size) });
  } catch {
    return undefined;
  }
}

/**
 * The first `length` uncompressed bytes of a member (fewer if it is shorter), and the inflate
 * error, if any, that stopped it early: what came before a corruption is still usable.
 */
export function entryPrefix(
  data: Uint8Array,
  method: number,
  length: number,
): { bytes: Uint8Array; error?: string } {
  const prefix = new Uint8Array(length);
  let fill = 0;
  const error = inflateEntry(data, method, (chunk) => {
    const take = Math.min(chunk.length, length - fill);
    prefix.set(chunk.subarray(0, take), fill);
    fill += take;
    return fill < length;
  });
  const bytes = prefix.subarray(0, fill);
  return error !== undefined && fill < length ? { bytes, error } : { bytes };
}

let crcTables: Uint32Array[] | undefined;

/** Slicing-by-8 tables: table k advances the CRC over a byte followed by k zero bytes. */
function crcTablesOnce(): Uint32Array[] {
  if (crcTables !== undefined) return crcTables;
  const base = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    base[n] = c >>> 0;
  }
  const tables = [base];
  for (let k = 1; k < 8; k++) {
    const previous = tables[k - 1] as Uint32Array;
    const next = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      const p = previous[n] as number;
      next[n] = (p >>> 8) ^ (base[p & 0xff] as number);
    }
    tables.push(next);
  }
  crcTables = tables;
  return tables;
}

/** Continues a CRC-32 (zip's polynomial) over `bytes`; start from 0. Eight bytes a step. */
export function crc32(crc: number, bytes: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTablesOnce() as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let c = ~crc;
  let i = 0;
  const whole = bytes.length - (bytes.length % 8);
  for (; i < whole; i += 8) {
    const low =
      c ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    const high =
      (bytes[i + 4] as number) |
      ((bytes[i + 5] as number) << 8) |
      ((bytes[i + 6] as number) << 16) |
      ((bytes[i + 7] as number) << 24);
    c =
      (t7[low & 0xff] as number) ^
      (t6[(low >>> 8) & 0xff] as number) ^
      (t5[(low >>> 16) & 0xff] as number) ^
      (t4[low >>> 24] as number) ^
      (t3[high & 0xff] as number) ^
      (t2[(high >>> 8) & 0xff] as number) ^
      (t1[(high >>> 16) & 0xff] as number) ^
      (t0[high >>> 24] as number);
  }
  for (; i < bytes.length; i++) c = (t0[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
