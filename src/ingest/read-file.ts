import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { looksLikeCredentialReportCsv } from './credential-report.js';
import { findJsonError } from './json-error.js';

const gunzipAsync = promisify(gunzip);

/** Default for the largest file (compressed or not) a scan reads: 512 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The content of one input file: parsed JSON, or the text of a CSV credential report; or why it is unreadable. */
export type ReadResult = { ok: true; raw: unknown } | { ok: false; reason: string };

/**
 * Reads one file: gunzips it when it is gzip (by its magic bytes, not its name), decodes strict UTF-8, and
 * parses JSON, or keeps the text when it is a credential report CSV. Never throws.
 */
export async function readInputFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) return tooLarge(size, maxBytes);
    let bytes: Buffer = await readFile(file);
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const unzipped = await gunzipBounded(bytes, maxBytes);
      if (!unzipped.ok) return unzipped;
      bytes = unzipped.bytes;
    }
    return parseText(bytes);
  } catch (e) {
    return { ok: false, reason: `cannot read file: ${describe(e)}` };
  }
}

async function gunzipBounded(
  bytes: Buffer,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; reason: string }> {
  try {
    return { ok: true, bytes: await gunzipAsync(bytes, { maxOutputLength: maxBytes }) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: `gzip content is larger than the ${mib(maxBytes)} limit` };
    }
    if (code === 'Z_BUF_ERROR') return { ok: false, reason: 'truncated gzip: unexpected end of file' };
    return { ok: false, reason: `corrupt gzip: ${describe(e)}` };
  }
}

/** Decodes and parses the bytes of one (decompressed) file. */
export function parseText(bytes: Uint8Array): ReadResult {
  let text: string;
  // Windows PowerShell 5 redirection (`aws … > file.json`) writes UTF-16LE with a byte order mark.
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-8';
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (e) {
    if (e instanceof TypeError)
      return {
        ok: false,
        reason: `not ${encoding.toUpperCase()} text: the file holds an invalid byte sequence`,
      };
    return { ok: false, reason: `cannot decode file: ${describe(e)}` };
  }
  const start = text.search(/\S/);
  if (start < 0) return { ok: false, reason: 'empty file' };
  const first = text[start];
  if (first === '{' || first === '[') {
    try {
      return { ok: true, raw: JSON.parse(text) };
    } catch {
      const where = findJsonError(text);
      if (!where) return { ok: false, reason: 'invalid JSON' };
      return { ok: false, reason: `invalid JSON at position ${where.position}: ${where.reason}` };
    }
  }
  if (looksLikeCredentialReportCsv(text)) return { ok: true, raw: text };
  return { ok: false, reason: 'not JSON and not a credential report CSV' };
}

function tooLarge(size: number, max: number): ReadResult {
  return { ok: false, reason: `file is ${mib(size)}, over the ${mib(max)} limit for one file` };
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}

/** A system error's message without the path Node repeats in it. */
function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return (err.message ?? String(e)).split('\n')[0]!.slice(0, 200);
}
