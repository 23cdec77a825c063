import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTER_CODES } from '../../rules/codes/registerCodes.ts';
import { type Pupil } from '../../rules/pupils/pupil.ts';
import { type GeneratedSchool } from './generateSchool.ts';

export const PUPIL_HEADER = [
  'upn',
  'given_name',
  'family_name',
  'date_of_birth',
  'year_group',
  'reg_group',
  'sen',
  'fsm',
  'social_worker',
  'looked_after',
  'young_carer',
];

/** A CSV cell, quoted only when it must be (a comma, quote or line break in it). */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const SEN_LETTER = { none: 'N', support: 'K', ehcp: 'E' } as const;
const flag = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Y' : 'N');

function pupilRow(p: Pupil): string {
  return [
    p.upn,
    p.givenName,
    p.familyName,
    p.dateOfBirth,
    p.yearGroup,
    p.regGroup ?? '',
    p.sen ? SEN_LETTER[p.sen] : '',
    flag(p.fsm),
    flag(p.socialWorker),
    flag(p.lookedAfter),
    flag(p.youngCarer),
  ]
    .map(csvCell)
    .join(',');
}

/** Bytes of marks text gathered before each write: large enough to keep system calls few. */
const WRITE_CHUNK = 1 << 20;

/**
 * Writes a generated school as a canonical register bundle: pupils.csv, marks.csv (one row per
 * pupil-session with a mark, pupil by pupil in date order), calendar.json (the year's term dates and
 * INSET days), school.json and, when scenario pupils were planted, scenarios.json listing them.
 * Returns the number of mark rows written.
 */
export function writeGeneratedBundle(dir: string, generated: GeneratedSchool): number {
  mkdirSync(dir, { recursive: true });
  const { register, termDates, spec, scenarios } = generated;
  const { calendar, pupils, marks } = register;
  writeFileSync(join(dir, 'pupils.csv'), `${PUPIL_HEADER.join(',')}\n${pupils.map(pupilRow).join('\n')}\n`);
  writeFileSync(
    join(dir, 'calendar.json'),
    `${JSON.stringify({ terms: termDates.terms, closures: termDates.closures, openDays: [] }, null, 2)}\n`,
  );
  const school = { ...spec.school, phase: spec.phase, laEstab: `${spec.laCode}${spec.estab}` };
  writeFileSync(join(dir, 'school.json'), `${JSON.stringify(school, null, 2)}\n`);
  if (scenarios.length > 0) writeFileSync(join(dir, 'scenarios.json'), `${JSON.stringify(scenarios, null, 2)}\n`);

  const n = calendar.sessionCount;
  const sessionText = Array.from(
    { length: n },
    (_, s) => `,${calendar.sessionDate[s]},${calendar.sessionHalf[s] === 0 ? 'AM' : 'PM'},`,
  );
  const codeText = REGISTER_CODES.map((c) => `${c.code}\n`);
  const fd = openSync(join(dir, 'marks.csv'), 'w');
  let rows = 0;
  try {
    let chunk = 'upn,date,session,code\n';
    for (let p = 0; p < pupils.length; p++) {
      const upn = pupils[p].upn;
      const base = p * n;
      for (let s = 0; s < n; s++) {
        const code = marks[base + s];
        if (code === 0) continue;
        chunk += upn + sessionText[s] + codeText[code];
        rows++;
      }
      if (chunk.length >= WRITE_CHUNK) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return rows;
}
