import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarJsonSchema, type CalendarJson } from '../register/bundleJsonSchemas.ts';
import { readCsvTable } from '../register/csvTable.ts';
import { ProblemList, RegisterInputError } from '../register/inputProblems.ts';
import { readJsonFile } from '../register/readJsonFile.ts';
import { readRegisterBundle } from '../register/readRegisterBundle.ts';
import { type PupilMarks } from './sessionKey.ts';
import { type PupilDetails } from './sourceRows.ts';

/** What a bundle already holds, so an import can merge into it rather than replace it. */
export interface ExistingBundle {
  pupils: Map<string, PupilDetails>;
  marks: PupilMarks;
  calendar?: CalendarJson;
  /** calendar.json's text, kept byte for byte when the import does not replace it. */
  calendarText?: string;
  /** school.json as it stands, kept byte for byte. */
  schoolJson?: string;
  /** amendments.csv as it stands: an import only ever appends to it. */
  amendments?: string;
  markCount: number;
}

/** True when `dir` already holds a register bundle (pupils.csv and marks.csv). */
export function hasBundle(dir: string): boolean {
  return existsSync(join(dir, 'pupils.csv')) && existsSync(join(dir, 'marks.csv'));
}

/**
 * Reads the bundle an import merges into, strictly: a bundle that does not load cleanly is reported and
 * left alone, since merging into it would write its problems back out under new line numbers.
 */
export function readExistingBundle(dir: string): ExistingBundle | undefined {
  if (!hasBundle(dir)) return undefined;
  const { register } = readRegisterBundle(dir);
  const problems = new ProblemList();
  // Admission numbers live in an extra pupils.csv column the rules do not need; read them here.
  const adnos = new Map<string, string>();
  const table = readCsvTable(join(dir, 'pupils.csv'), 'pupils.csv', ['upn'], problems);
  for (const row of table?.rows ?? [])
    if (row.cells.adno) adnos.set(row.cells.upn.trim().toUpperCase(), row.cells.adno.trim());
  const calendarPath = join(dir, 'calendar.json');
  const calendar = existsSync(calendarPath)
    ? readJsonFile(calendarPath, 'calendar.json', calendarJsonSchema, problems)
    : undefined;
  if (!problems.empty || calendar === null) throw new RegisterInputError(problems.problems, problems.total);

  const pupils = new Map<string, PupilDetails>();
  const marks: PupilMarks = new Map();
  const { calendar: cal } = register;
  let markCount = 0;
  register.pupils.forEach((pupil, p) => {
    pupils.set(pupil.upn, { ...pupil, ...(adnos.has(pupil.upn) ? { adno: adnos.get(pupil.upn) } : {}) });
    const own = new Map<number, number>();
    for (let s = 0; s < cal.sessionCount; s++) {
      const code = register.marks[p * cal.sessionCount + s];
      if (code === 0) continue;
      own.set(cal.dayNumber[cal.sessionDay[s]] * 2 + cal.sessionHalf[s], code);
      markCount++;
    }
    marks.set(pupil.upn, own);
  });
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined);
  return {
    pupils,
    marks,
    calendar,
    calendarText: read('calendar.json'),
    schoolJson: read('school.json'),
    amendments: read('amendments.csv'),
    markCount,
  };
}
