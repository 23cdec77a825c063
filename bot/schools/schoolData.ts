import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { readRegisterBundle } from '../../adapters/register/readRegisterBundle.ts';
import {
  lastMarkedSchoolDay,
  lastSchoolDayOnOrBefore,
  policyProfile,
  type PolicyProfile,
  type Register,
} from '../../rules/index.ts';

/** One school the bot answers for: its register, the profile it follows and its default as-of date. */
export interface SchoolData {
  urn: string;
  name: string;
  localAuthority?: string;
  register: Register;
  policy: PolicyProfile;
  /** ATTENDANCE_AS_OF if set, else the last school day with marks: the "today" questions are asked on. */
  asOf: string;
  /** The bundle folder, for start-up logs. */
  dir: string;
  /**
   * True when the bundle has no school.json (or one without a URN): the school is then served under an id
   * (and, without a name, a name) made from its folder's name, as the CLI reads the same bundle without one.
   */
  idFromFolder?: boolean;
}

/** How a school is named to people: its name and URN, or only its name when it has no URN. */
export function schoolLabel(school: Pick<SchoolData, 'name' | 'urn' | 'idFromFolder'>): string {
  return school.idFromFolder ? school.name : `${school.name} (URN ${school.urn})`;
}

/**
 * The id a bundle without a URN is served under: its folder's name, lower case, runs of anything but
 * letters and digits as one hyphen (`Oak Lane Primary` and `oak-lane-primary` both give `oak-lane-primary`).
 */
export function schoolIdFromFolder(dir: string): string {
  const id = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-/, '')
    .replace(/-$/, ''); // runs of dashes are already one dash
  return id || 'school';
}

/** A readable name for such a school: the folder's words, each capitalised. */
function schoolNameFromFolder(dir: string): string {
  return schoolIdFromFolder(dir)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * Bundle folders: `path` itself when it holds pupils.csv, else every folder below it (three levels at most)
 * holding pupils.csv and marks.csv, with or without school.json, as the CLI reads them.
 */
export function findBundleDirs(path: string): string[] {
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new Error(
      `ATTENDANCE_DATA=${path} is not a folder: point it at a register bundle (pupils.csv, marks.csv, calendar.json, school.json) or a folder of them`,
    );
  }
  if (existsSync(join(path, 'pupils.csv'))) return [path];
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = join(dir, entry.name);
      if (existsSync(join(child, 'pupils.csv')) && existsSync(join(child, 'marks.csv'))) found.push(child);
      else if (depth < 3) walk(child, depth + 1);
    }
  };
  walk(path, 0);
  if (found.length === 0)
    throw new Error(
      `ATTENDANCE_DATA=${path} holds no register bundle: no folder below it has pupils.csv and marks.csv`,
    );
  return found;
}

/** Loads every bundle and settles each school's URN, policy and as-of date; throws naming the bad bundle. */
export function loadSchools(path: string, fixedAsOf?: string): SchoolData[] {
  return checkUrns(findBundleDirs(path).map((dir) => loadSchool(dir, fixedAsOf)));
}

/**
 * loadSchools for a bot that is already answering: it gives way to other work between bundles, so a
 * reload of many schools holds up a question by one school's read (tens of milliseconds), not all of them.
 */
export async function loadSchoolsGradually(path: string, fixedAsOf?: string): Promise<SchoolData[]> {
  const schools: SchoolData[] = [];
  for (const dir of findBundleDirs(path)) {
    await new Promise((resolve) => setImmediate(resolve));
    schools.push(loadSchool(dir, fixedAsOf));
  }
  return checkUrns(schools);
}

function checkUrns(schools: SchoolData[]): SchoolData[] {
  const seen = new Map<string, string>();
  for (const s of schools) {
    const other = seen.get(s.urn);
    if (other)
      throw new Error(
        s.idFromFolder
          ? `two bundles are served as ${s.urn}: ${other} and ${s.dir}; give one a school.json with its URN, or rename its folder`
          : `two bundles claim URN ${s.urn}: ${other} and ${s.dir}; each school needs its own URN in school.json`,
      );
    seen.set(s.urn, s.dir);
  }
  return schools;
}

/** Loads one bundle as a school the bot answers for; throws naming the bundle and what is wrong. */
export function loadSchool(dir: string, fixedAsOf?: string): SchoolData {
  const { register } = readRegisterBundle(dir);
  const where = relative(process.cwd(), dir) || dir;
  const { school, calendar } = register;
  const idFromFolder = !school.urn;
  const urn = school.urn ?? schoolIdFromFolder(dir);
  // readRegisterBundle names a school without school.json just "School"; the folder says more.
  const name = idFromFolder && school.name === 'School' ? schoolNameFromFolder(dir) : school.name;
  let policy: PolicyProfile;
  try {
    policy = policyProfile(school.policy ?? 'national');
  } catch (err) {
    throw new Error(`${where}/school.json: ${(err as Error).message}`, { cause: err });
  }
  const lastMarked = lastMarkedSchoolDay(register);
  if (lastMarked < 0) throw new Error(`${where} has no marks to answer questions from`);
  const asOf = fixedAsOf ?? calendar.dayDate[lastMarked];
  if (lastSchoolDayOnOrBefore(calendar, asOf) < 0)
    throw new Error(`ATTENDANCE_AS_OF=${asOf} is before ${where}'s first school day (${calendar.dayDate[0]})`);
  return {
    urn,
    name,
    localAuthority: school.localAuthority,
    register,
    policy,
    asOf,
    dir,
    ...(idFromFolder ? { idFromFolder } : {}),
  };
}
