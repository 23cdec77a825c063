import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importRegisterFiles, type ImportFormat, type ImportResult } from '../adapters/import/importRegisterFiles.ts';
import { writeRejectsFile } from '../adapters/import/rejectsFile.ts';
import { readMisMapping } from '../adapters/register/mis/misMapping.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../adapters/register/textEncoding.ts';
import { UsageError } from './cliArgs.ts';
import { type CliStreams, type CommandOutput } from './commandTypes.ts';

const FORMATS: readonly ImportFormat[] = ['auto', 'sessions', 'days', 'grid', 'ctf'];

export interface ImportArgs {
  inputs: string[];
  into: string;
  format: ImportFormat;
  mapping?: string;
  calendar?: string;
  lenient: boolean;
  rejects?: string;
  json: boolean;
  encoding?: TextEncoding;
}

export function parseImportArgs(args: string[]): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        into: { type: 'string' },
        format: { type: 'string', default: 'auto' },
        mapping: { type: 'string' },
        calendar: { type: 'string' },
        lenient: { type: 'boolean', default: false },
        rejects: { type: 'string' },
        json: { type: 'boolean', default: false },
        encoding: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('name the export files or folders to import');
  if (!values.into) throw new UsageError('--into names the register bundle folder to create or merge into');
  if (!(FORMATS as readonly string[]).includes(values.format!))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${values.format})`);
  const encoding = values.encoding?.toLowerCase();
  if (encoding !== undefined && !(TEXT_ENCODINGS as readonly string[]).includes(encoding))
    throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')} (got ${values.encoding})`);
  if (values.rejects && !values.lenient)
    throw new UsageError('--rejects only applies with --lenient (a strict import loads nothing when any row is bad)');
  return {
    inputs: positionals,
    into: values.into,
    format: values.format as ImportFormat,
    mapping: values.mapping,
    calendar: values.calendar,
    lenient: values.lenient!,
    rejects: values.rejects,
    json: values.json!,
    ...(encoding ? { encoding: encoding as TextEncoding } : {}),
  };
}

const n = (value: number) => value.toLocaleString('en-GB');

/** The one line an import ends with: counts only, never a pupil's name or marks. */
export function importSummary(result: ImportResult, seconds: number): string {
  return `imported ${result.files.length} file${result.files.length === 1 ? '' : 's'}: ${n(result.pupils)} pupils (${n(result.pupilsAdded)} new), ${n(result.sessions)} sessions, ${n(result.marksRead)} marks (${n(result.marksAdded)} new, ${n(result.marksUnchanged)} already held), ${n(result.rowsRejected)} rejects, ${n(result.amendments.length)} amendments, ${seconds.toFixed(1)}s`;
}

/**
 * `attendance import <file-or-dir>... --into <bundle-dir>`: reads MIS exports and CTFs, checks every row,
 * and writes or merges the canonical bundle. Progress goes to stderr on a terminal; the summary is the
 * last line of stdout.
 */
export function importCommand(argv: string[], io: CliStreams): CommandOutput {
  const args = parseImportArgs(argv);
  const started = performance.now();
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const result = importRegisterFiles(args.inputs, {
    into: args.into,
    format: args.format,
    mapping: args.mapping ? readMisMapping(args.mapping) : undefined,
    calendar: args.calendar,
    lenient: args.lenient,
    encoding: args.encoding,
    seenAt: new Date().toISOString(),
    onProgress: tty ? (message) => io.stderr.write(`\r\x1b[K${message}`) : undefined,
  });
  if (tty) io.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - started) / 1000;
  let rejectsPath: string | undefined;
  if (result.rejected.length > 0) {
    rejectsPath = args.rejects ?? join(args.into, 'rejects.csv');
    writeRejectsFile(rejectsPath, result.rejected);
  }
  const fileLines = result.files.map((f) => {
    const columns = Object.entries(f.columns)
      .map(([role, header]) => `${role}=${JSON.stringify(header)}`)
      .join(', ');
    return `${f.file}: ${f.format}, ${n(f.rowsRead)} rows read, ${n(f.rowsLoaded)} loaded, ${n(f.rowsRejected)} rejected; columns ${columns || '(CTF elements)'}`;
  });
  const stderr = [
    ...fileLines,
    ...result.notes.map((note) => `note: ${note}`),
    ...(rejectsPath ? [`rejected rows, each with its problems and original text: ${rejectsPath}`] : []),
  ]
    .map((l) => `${l}\n`)
    .join('');
  if (args.json) {
    const { register: _register, rejected: _rejected, ...report } = result;
    return { stdout: `${JSON.stringify({ ...report, rejectsFile: rejectsPath, seconds })}\n`, stderr };
  }
  return { stdout: `${importSummary(result, seconds)}\n`, stderr };
}
