import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * One CSV record as byte ranges: cell i is `bytes[start[i], end[i])`, already trimmed of spaces and
 * tabs and, for a quoted cell, unquoted. The view is reused from record to record so scanning a large
 * file allocates nothing per row: copy out what you keep.
 */
export interface CsvRecordView {
  /** 1-based line on which the record starts. */
  line: number;
  bytes: Buffer;
  start: Int32Array;
  end: Int32Array;
  count: number;
  /** The first cell whose bytes are not UTF-8, or -1 when every cell is. */
  notUtf8Cell: number;
}

export interface CsvScanResult {
  /** Non-blank records, the header included. */
  records: number;
  /** Set when the file cannot be read as CSV at all (a quote never closed). */
  fileProblem?: { line: number; message: string };
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
/** Bytes read from disk at a time; a record longer than this grows the buffer. Tests use tiny chunks to cross every boundary. */
const CHUNK = 8 << 20;

const CELL_START = 0;
const UNQUOTED = 1;
const IN_QUOTES = 2;
const QUOTE_IN_QUOTES = 3;

const isBlank = (b: number) => b === SPACE || b === TAB || b === CARRIAGE_RETURN;

/** The text of a cell, decoded as UTF-8 (check `notUtf8Cell` first: bad bytes decode as U+FFFD). */
export function cellText(view: CsvRecordView, i: number): string {
  return i < view.count ? view.bytes.toString('utf8', view.start[i], view.end[i]) : '';
}

/** Every cell of the record as text, as a rejects file needs it. */
export function recordCells(view: CsvRecordView): string[] {
  const cells: string[] = [];
  for (let i = 0; i < view.count; i++) cells.push(cellText(view, i));
  return cells;
}

/**
 * Streams a CSV file record by record, as schools' tools write them: a UTF-8 byte-order mark, quoted
 * cells with commas, doubled quotes or line breaks in them, `\` in cells, CRLF or LF line ends, blank
 * lines anywhere (skipped, but counted, so line numbers stay those an editor shows). Hand-rolled over
 * bytes because a general CSV parser building an object per row reads a local authority's year of
 * marks (tens of millions of rows) about ten times too slowly; see bench/loadCanonical.ts.
 * Records without a quote (nearly all) are cut straight out of the read buffer; a record with a quote
 * is unquoted into a scratch buffer. A stray quote inside an unquoted cell is kept as a character.
 */
export function scanCsvFile(
  path: string,
  onRecord: (view: CsvRecordView) => void,
  options: { chunkBytes?: number } = {},
): CsvScanResult {
  const fd = openSync(path, 'r');
  try {
    return scan(fd, onRecord, options.chunkBytes ?? CHUNK);
  } finally {
    closeSync(fd);
  }
}

function scan(fd: number, onRecord: (view: CsvRecordView) => void, chunkBytes: number): CsvScanResult {
  let buf = Buffer.allocUnsafe(Math.max(4, chunkBytes));
  let filled = 0;
  let eof = false;
  let line = 1;
  let records = 0;
  let first = true;
  let scratch = Buffer.allocUnsafe(1024);
  const view: CsvRecordView = {
    line: 0,
    bytes: buf,
    start: new Int32Array(16),
    end: new Int32Array(16),
    count: 0,
    notUtf8Cell: -1,
  };
  const pushCell = (s: number, e: number) => {
    if (view.count === view.start.length) {
      const start = new Int32Array(view.count * 2);
      const end = new Int32Array(view.count * 2);
      start.set(view.start);
      end.set(view.end);
      view.start = start;
      view.end = end;
    }
    view.start[view.count] = s;
    view.end[view.count] = e;
    view.count++;
  };

  // Cells are trimmed of spaces, tabs and the CR of a CRLF line end.
  const pushTrimmed = (s: number, e: number) => {
    while (s < e && isBlank(buf[s])) s++;
    while (e > s && isBlank(buf[e - 1])) e--;
    pushCell(s, e);
  };

  for (;;) {
    if (!eof) {
      const read = readSync(fd, buf, filled, buf.length - filled, null);
      if (read === 0) eof = true;
      filled += read;
    }
    let pos = 0;
    if (first && filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    if (first && (filled >= 3 || eof)) first = false;
    // Every whole record in this read ends at or before its last line break, and a line break is never part
    // of a multi-byte character: one check of those bytes clears them all. Only when it fails is each
    // record's cells checked, to name the one at fault.
    const wholeTo = eof ? filled : buf.lastIndexOf(NEWLINE, filled - 1) + 1;
    const checkCells = wholeTo > pos && !isUtf8(buf.subarray(pos, wholeTo));
    while (pos < filled) {
      // Fast path: one pass over the bytes, cutting cells at commas, until the line ends or a quote shows.
      view.count = 0;
      view.line = line;
      view.bytes = buf;
      let cellStart = pos;
      let i = pos;
      let quoted = false;
      for (; i < filled; i++) {
        const byte = buf[i];
        if (byte === COMMA) {
          pushTrimmed(cellStart, i);
          cellStart = i + 1;
        } else if (byte === NEWLINE) break;
        else if (byte === QUOTE) {
          quoted = true;
          break;
        }
      }
      let recordEnd = i;
      let linesInRecord = 1;
      if (!quoted) {
        if (i === filled && !eof) break; // the rest of this record is in the next read
        pushTrimmed(cellStart, i);
      } else {
        // Find the line end outside quotes, counting the line breaks inside them. A quote opens a quoted
        // cell only at the start of a cell; anywhere else it is an ordinary character.
        let state = CELL_START;
        recordEnd = -1;
        for (let k = pos; k < filled && recordEnd < 0; k++) {
          const byte = buf[k];
          switch (state) {
            case CELL_START:
              if (byte === QUOTE) state = IN_QUOTES;
              else if (byte === NEWLINE) recordEnd = k;
              else if (byte !== COMMA && !isBlank(byte)) state = UNQUOTED;
              break;
            case UNQUOTED:
              if (byte === COMMA) state = CELL_START;
              else if (byte === NEWLINE) recordEnd = k;
              break;
            case IN_QUOTES:
              if (byte === QUOTE) state = QUOTE_IN_QUOTES;
              else if (byte === NEWLINE) linesInRecord++;
              break;
            default: // a quote inside quotes: doubled (a literal quote) or the closing one
              if (byte === QUOTE) state = IN_QUOTES;
              else if (byte === COMMA) state = CELL_START;
              else if (byte === NEWLINE) recordEnd = k;
              else state = UNQUOTED;
          }
        }
        if (recordEnd < 0) {
          if (!eof) break;
          if (state === IN_QUOTES)
            return {
              records,
              fileProblem: { line, message: 'a quoted cell that starts on this line is never closed (a " is missing)' },
            };
          recordEnd = filled;
        }
        let contentEnd = recordEnd;
        if (contentEnd > pos && buf[contentEnd - 1] === CARRIAGE_RETURN) contentEnd--;
        view.count = 0;
        if (scratch.length < contentEnd - pos) scratch = Buffer.allocUnsafe((contentEnd - pos) * 2);
        view.bytes = scratch;
        unquoteRecord(buf, pos, contentEnd, scratch, pushCell);
      }
      view.notUtf8Cell = -1;
      if (checkCells)
        for (let c = 0; c < view.count; c++)
          if (!isUtf8(view.bytes.subarray(view.start[c], view.end[c]))) {
            view.notUtf8Cell = c;
            break;
          }
      if (!(view.count === 1 && view.start[0] === view.end[0] && !quoted)) {
        records++;
        onRecord(view);
      }
      line += linesInRecord;
      pos = recordEnd + 1;
    }

    if (eof) return { records };
    // Keep the unfinished record at the front and read on; grow when one record fills the buffer.
    const rest = filled - pos;
    if (pos === 0 && rest === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, rest);
      buf = bigger;
    } else buf.copy(buf, 0, pos, filled);
    filled = rest;
  }
}

/** Splits a record holding quotes into cells, unquoting them into `out`. */
function unquoteRecord(
  buf: Buffer,
  from: number,
  to: number,
  out: Buffer,
  pushCell: (s: number, e: number) => void,
): void {
  let w = 0;
  let i = from;
  for (;;) {
    while (i < to && (buf[i] === SPACE || buf[i] === TAB)) i++;
    const cellStart = w;
    let lastSignificant = w;
    if (i < to && buf[i] === QUOTE) {
      i++;
      while (i < to) {
        if (buf[i] === QUOTE) {
          if (i + 1 < to && buf[i + 1] === QUOTE) {
            out[w++] = QUOTE;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out[w++] = buf[i++];
      }
      lastSignificant = w;
    }
    // Unquoted text, or anything after a closing quote, up to the next comma.
    while (i < to && buf[i] !== COMMA) {
      const b = buf[i++];
      out[w++] = b;
      if (!isBlank(b)) lastSignificant = w;
    }
    pushCell(cellStart, lastSignificant);
    if (i >= to) return;
    i++; // the comma
  }
}
