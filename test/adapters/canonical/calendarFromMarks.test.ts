import { describe, expect, it } from 'vitest';
import { bundleWithMarks, read, UPN1, UPN2 } from './canonicalBundle.ts';

const HEADER = 'upn,date,session,code';

describe('the calendar and the marks together', () => {
  it('treats a session in which every mark is # as a closure', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN2},2025-09-03,AM,/\n${UPN1},2025-09-04,AM,#\n${UPN2},2025-09-04,AM,#\n${UPN1},2025-09-04,PM,I\n`,
    );
    const { register, report } = read(dir);
    const sessions = register.calendar.sessionDate.map(
      (d, s) => `${d} ${register.calendar.sessionHalf[s] === 0 ? 'AM' : 'PM'}`,
    );
    expect(sessions).not.toContain('2025-09-04 AM');
    expect(sessions).toContain('2025-09-04 PM');
    expect(register.calendar.closures.some((c) => c.date === '2025-09-04' && c.session === 'AM')).toBe(true);
    expect(report.notes.some((n) => n.startsWith('2025-09-04 AM'))).toBe(true);
    expect(report.redundantMarks).toBe(2);
  });

  it('derives the school sessions from the marks when there is no calendar.json', () => {
    const dir = bundleWithMarks(
      `${HEADER}\n${UPN1},2025-09-03,AM,/\n${UPN1},2025-09-03,PM,\\\n${UPN2},2025-09-05,AM,#\n${UPN2},2025-09-08,AM,N\n`,
      { calendar: false },
    );
    const { register, report } = read(dir);
    expect(register.calendar.dayDate).toEqual(['2025-09-03', '2025-09-08']);
    expect(register.calendar.sessionCount).toBe(3);
    expect(report.notes.some((n) => n.includes('No calendar.json'))).toBe(true);
    expect(report.redundantMarks).toBe(1);
  });

  it('reads the whole fixture bundle back as it was written', () => {
    const { register, report } = read(bundleWithMarks());
    expect(register.pupils.map((p) => p.givenName)).toEqual(['Ada', 'Ben']);
    expect(report.rowsRead).toBe(2 + 12);
    expect(report.rowsRejected).toBe(0);
    expect(register.marks.subarray(0, 6)).toEqual(Uint8Array.from([1, 2, 1, 2, 1, 2]));
  });
});
