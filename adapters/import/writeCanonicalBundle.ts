import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Register, registerCodeById } from '../../rules/index.ts';
import { type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { readRegisterBundle } from '../register/readRegisterBundle.ts';
import { csvLine } from '../register/csvText.ts';
import { pupilsCsvText, type BundlePupil } from '../register/pupilsCsvText.ts';
import { type Amendment } from './mergeMarks.ts';
import { sessionOfKey, type PupilMarks } from './sessionKey.ts';

export const AMENDMENTS_HEADER = [
  'upn',
  'date',
  'session',
  'original_code',
  'new_code',
  'seen_at',
  'source_file',
] as const;
export interface BundleContents {
  pupils: readonly BundlePupil[];
  marks: PupilMarks;
  /**
   * Written as calendar.json: term dates, or the existing file's text kept as it was. Undefined leaves the
   * bundle without one (the reader then derives the calendar from the marks).
   */
  calendar?: CalendarJson | string;
  /** school.json's text, kept as it was, or a new one. */
  schoolJson?: string;
  /** amendments.csv as it was (appended to, never rewritten). */
  previousAmendments?: string;
  newAmendments: readonly Amendment[];
}

function marksCsv(pupils: BundleContents['pupils'], marks: PupilMarks): string {
  const lines = ['upn,date,session,code'];
  const dayText = new Map<number, string>();
  for (const p of pupils) {
    const own = marks.get(p.upn);
    if (!own) continue;
    for (const key of [...own.keys()].sort((a, b) => a - b)) {
      const { date, session } = sessionOfKey(key, dayText);
      lines.push(`${p.upn},${date},${session},${registerCodeById(own.get(key)!).code}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function amendmentsCsv(previous: string | undefined, added: readonly Amendment[]): string {
  const head = previous && previous.trim() !== '' ? previous.replace(/\n?$/, '\n') : `${AMENDMENTS_HEADER.join(',')}\n`;
  return (
    head +
    added
      .map((a) => `${csvLine([a.upn, a.date, a.session, a.originalCode, a.newCode, a.seenAt, a.sourceFile])}\n`)
      .join('')
  );
}

/**
 * Writes a register bundle so that nothing changes unless all of it can be read back: the files go to a
 * staging folder inside the bundle, are read back with the same strict reader the CLI and bot use, and
 * only then replace the old files. Returns the register as read back.
 */
export function writeCanonicalBundle(dir: string, contents: BundleContents): Register {
  mkdirSync(dir, { recursive: true });
  const staging = join(dir, `.import-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const files: Record<string, string> = {
      'pupils.csv': pupilsCsvText(contents.pupils),
      'marks.csv': marksCsv(contents.pupils, contents.marks),
    };
    if (contents.calendar !== undefined)
      files['calendar.json'] =
        typeof contents.calendar === 'string' ? contents.calendar : `${JSON.stringify(contents.calendar, null, 2)}\n`;
    if (contents.schoolJson !== undefined) files['school.json'] = contents.schoolJson;
    if (contents.previousAmendments !== undefined || contents.newAmendments.length > 0)
      files['amendments.csv'] = amendmentsCsv(contents.previousAmendments, contents.newAmendments);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text);
    const { register } = readRegisterBundle(staging);
    for (const name of Object.keys(files)) renameSync(join(staging, name), join(dir, name));
    return register;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
