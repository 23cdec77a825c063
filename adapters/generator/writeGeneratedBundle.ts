import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTER_CODES } from '../../rules/index.ts';
import { pupilsCsvText } from '../register/pupilsCsvText.ts';
import { type GeneratedSchool } from './generateSchool.ts';

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
  writeFileSync(join(dir, 'pupils.csv'), pupilsCsvText(pupils));
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
