// Reading a log file: positioned reads in large chunks, record-aligned cut points for splitting a
// text log between workers, and the fingerprint that tells an appended file from a replaced one.

import { open, stat, type FileHandle } from 'node:fs/promises';
import { AnalysisError } from './errors';

export const FINGERPRINT_BYTES = 4096;

export async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AnalysisError(path, 'is not a regular file');
    return info.size;
  } catch (error) {
    if (error instanceof AnalysisError) throw error;
    throw new AnalysisError(path, `cannot be read (${describeFsError(error)})`);
  }
}

export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new AnalysisError(path, `cannot be read (${describeFsError(error)})`);
  }
}

/** Up to `length` bytes at `position` (fewer at the end of the file), in a fresh buffer. */
export function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  return readInto(handle, new Uint8Array(length), position, length);
}

/** Up to `length` bytes at `position` into the start of `buffer`; the filled part of it. */
export async function readInto(
  handle: FileHandle,
  buffer: Uint8Array,
  position: number,
  length: number,
): Promise<Uint8Array> {
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === buffer.length ? buffer : buffer.subarray(0, filled);
}

/**
 * The first record start at or after `cut`: the byte after the next newline at or after `cut - 1`,
 * so that a cut already at a record start stays there. `end` when no newline follows.
 */
export async function nextRecordStart(handle: FileHandle, cut: number, end: number): Promise<number> {
  const window = 64 * 1024;
  for (let position = Math.max(0, cut - 1); position < end; position += window) {
    const bytes = await readAt(handle, position, Math.min(window, end - position));
    const newline = bytes.indexOf(10);
    if (newline >= 0) return position + newline + 1;
  }
  return end;
}

/** FNV-1a over the bytes: a cheap check that the start of a file is unchanged. */
export function fingerprint(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
