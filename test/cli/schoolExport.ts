import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/attendance.ts';

/**
 * A register bundle as a school's MIS would export it for Autumn 2025 up to Friday 14 November: a BOM,
 * CRLF line endings, quoted names holding commas and apostrophes, `\` for PM present, blank lines at the
 * end, the October half-term left out of the term dates and an INSET day on Monday 3 November.
 */
export const PUPILS = {
  amy: 'B935410125001', // present throughout
  ali: 'Q935410125002', // a week's term-time holiday (G) before half-term
  bea: 'E935410125003', // N Wednesday to Friday this week
  cal: 'U935410125004', // ill 13 October to 10 November
  dev: 'H935410125005', // one N from 20 October never corrected; late (L) nine times
  eve: 'X935410125006', // Reception, not yet of compulsory school age: O since 20 October
  fin: 'N93541012500T', // temporary UPN; U (after the register closed) every session since 20 October
  gus: 'A935410125008', // joined 1 October (Z before); K V P W B D Q Y7 sessions
  hal: 'P935410125009', // one medical appointment a week for five weeks
};

export const PUPILS_CSV =
  '\uFEFFUPN,Given Name,Family Name,Date of Birth,Year Group,Reg Group,SEN,FSM,Social Worker,Looked After,Young Carer\r\n' +
  `${PUPILS.amy},Amy,"O'Brien",2015-02-11,5,5A,N,N,N,N,N\r\n` +
  `${PUPILS.ali},"Ali","Khan, Jnr",2015-04-02,5,5A,N,Y,N,N,N\r\n` +
  `${PUPILS.bea},Bea,"Smith-Jones",2015-06-30,5,5B,K,N,Y,N,N\r\n` +
  `${PUPILS.cal},"Cal, (Callum)",Reid,2015-09-01,5,5B,E,N,N,N,N\r\n` +
  `${PUPILS.dev},Dev,Patel,2015-11-20,5,5A,N,N,N,N,Y\r\n` +
  `${PUPILS.eve},Eve,Green,2021-03-15,R,RW,N,N,N,N,N\r\n` +
  `${PUPILS.fin},Fin,"McCarthy",2015-01-05,5,5B,N,Y,N,Y,N\r\n` +
  `${PUPILS.gus},Gus,Novak,2015-07-07,5,5A,N,N,N,N,N\r\n` +
  `${PUPILS.hal},Hal,"Ng",2015-03-03,5,5B,N,N,N,N,N\r\n` +
  '\r\n\r\n';

export const CALENDAR_JSON = JSON.stringify({
  terms: [
    { name: 'Autumn 1', start: '2025-09-03', end: '2025-10-24' },
    { name: 'Autumn 2', start: '2025-11-03', end: '2025-12-19' },
  ],
  closures: [{ date: '2025-11-03', reason: 'INSET day' }],
});

export const SCHOOL_JSON = JSON.stringify({
  urn: 135790,
  name: 'Brook Lane Primary',
  localAuthority: 'Example',
  policy: 'national',
});

/** School days from 3 September to 14 November 2025, less the half-term and the INSET day. */
export function schoolDays(): string[] {
  const days: string[] = [];
  for (let d = Date.UTC(2025, 8, 3); d <= Date.UTC(2025, 10, 14); d += 86_400_000) {
    const date = new Date(d);
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    if (iso >= '2025-10-27' && iso <= '2025-10-31') continue;
    if (iso === '2025-11-03') continue;
    days.push(iso);
  }
  return days;
}

const between = (d: string, from: string, to: string) => d >= from && d <= to;

/** What each pupil's register says for a day: [AM, PM]. */
function marksFor(pupil: keyof typeof PUPILS, date: string, dayNo: number): [string, string] {
  const present: [string, string] = ['/', '\\'];
  switch (pupil) {
    case 'ali':
      return between(date, '2025-10-20', '2025-10-24') ? ['G', 'G'] : present;
    case 'bea':
      return between(date, '2025-11-12', '2025-11-14') ? ['N', 'N'] : present;
    case 'cal':
      return between(date, '2025-10-13', '2025-11-10') ? ['I', 'I'] : present;
    case 'dev':
      if (date === '2025-10-20') return ['N', '\\'];
      return dayNo % 5 === 1 && dayNo < 45 ? ['L', '\\'] : present;
    case 'eve':
      return date >= '2025-10-20' ? ['O', 'O'] : present;
    case 'fin':
      return date >= '2025-10-20' ? ['U', 'U'] : present;
    case 'gus': {
      if (date < '2025-10-01') return ['Z', 'Z'];
      const special: Record<string, [string, string]> = {
        '2025-10-02': ['K', 'K'],
        '2025-10-03': ['V', 'V'],
        '2025-10-06': ['P', '\\'],
        '2025-10-07': ['W', 'W'],
        '2025-10-08': ['B', 'B'],
        '2025-10-09': ['D', 'D'],
        '2025-10-10': ['Q', 'Y7'],
      };
      return special[date] ?? present;
    }
    case 'hal':
      return ['2025-09-08', '2025-09-16', '2025-09-24', '2025-10-02', '2025-10-10'].includes(date)
        ? ['/', 'M']
        : present;
    default:
      return present;
  }
}

export function marksCsv(): string {
  const rows = ['UPN,Date,Session,Code'];
  schoolDays().forEach((date, dayNo) => {
    for (const pupil of Object.keys(PUPILS) as (keyof typeof PUPILS)[]) {
      const [am, pm] = marksFor(pupil, date, dayNo);
      rows.push(`${PUPILS[pupil]},${date},AM,${am}`, `${PUPILS[pupil]},${date},PM,${pm}`);
    }
  });
  return `\uFEFF${rows.join('\r\n')}\r\n\r\n`;
}

/** Writes the bundle into a fresh temporary folder, with any file replaced, and returns the folder. */
export function writeSchoolExport(
  replace: Partial<Record<'pupils.csv' | 'marks.csv' | 'calendar.json' | 'school.json', string | null>> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'attendance-cli-'));
  mkdirSync(dir, { recursive: true });
  const files = {
    'pupils.csv': PUPILS_CSV,
    'marks.csv': marksCsv(),
    'calendar.json': CALENDAR_JSON,
    'school.json': SCHOOL_JSON,
    ...replace,
  };
  for (const [name, text] of Object.entries(files)) if (text !== null) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the CLI in-process and collects what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}
