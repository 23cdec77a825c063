import { isUtf8 } from 'node:buffer';

/**
 * The encodings a register file may be read in. UTF-8 is the default and the only one guessed at: bytes
 * that are not UTF-8 are an error at their line, never turned silently into replacement marks (a name
 * read as "Zo\uFFFD" would be wrong on every card). Windows-1252 is what Excel on Windows saves as "CSV"
 * and what many MIS exports are; it is used only when asked for, since any bytes at all decode in it.
 */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const NEWLINE = 10;

/** True when the bytes start with a UTF-8 byte-order mark, which says the file is UTF-8 whatever was asked. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The 1-based lines holding bytes that are not UTF-8, at most `limit` of them. A line break (0x0A) is
 * never part of a multi-byte UTF-8 character, so each line can be checked on its own.
 */
export function linesNotUtf8(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number[] {
  const lines: number[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length && lines.length < limit; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) lines.push(line);
    start = end + 1;
  }
  return lines;
}

/** What to say about bytes that are not UTF-8; `remedy` says how this kind of file can be read. */
export function notUtf8Message(remedy: string): string {
  return `not valid UTF-8 (a character saved in another encoding, such as an accented name from Excel's plain "CSV"): ${remedy}`;
}

/** The remedy for a file an import reads, where an encoding can be given. */
export const IMPORT_ENCODING_REMEDY =
  'save the export as "CSV UTF-8", or if it is Windows-1252 (as Excel on Windows saves "CSV") give --encoding windows-1252 (or "encoding": "windows-1252" in the mapping file)';

/** The remedy for a Common Transfer File, whose XML declaration may also name its encoding. */
export const CTF_ENCODING_REMEDY =
  'a CTF is UTF-8 unless its XML declaration says otherwise: export it again, or if it is Windows-1252 give --encoding windows-1252';

/** The remedy for a register bundle's own files, which are UTF-8 by definition. */
export const BUNDLE_ENCODING_REMEDY =
  'a bundle\'s files are UTF-8: save it as "CSV UTF-8" (or import the original export with attendance import --encoding windows-1252)';

/**
 * Decodes a whole file. UTF-8 (the default) must be valid, and a leading byte-order mark is dropped;
 * otherwise the lines holding bad bytes are returned. Windows-1252 decodes any bytes, except that a file
 * starting with a UTF-8 byte-order mark is read as the UTF-8 it says it is.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncoding = 'utf-8',
): { ok: true; text: string; encoding: TextEncoding } | { ok: false; lines: number[] } {
  const bom = hasUtf8Bom(bytes);
  if (encoding === 'windows-1252' && !bom)
    return { ok: true, text: new TextDecoder('windows-1252', { fatal: true }).decode(bytes), encoding };
  if (!isUtf8(bytes)) return { ok: false, lines: linesNotUtf8(bytes) };
  return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
}
