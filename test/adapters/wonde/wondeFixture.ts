import { eachDate, isWeekend } from '../../../rules/dates/isoDate.ts';
import { fixtureUpn } from '../../support/registerFixture.ts';
import { FakeWonde, type FakeWondeMark } from '../../support/fakeWonde.ts';

export const TOKEN = 'wonde-test-token-0123456789';
export const SCHOOL_ID = 'A1930499544';
export const SCHOOL_URN = '100001';
export const REVOKED_ID = 'A1000000002';
export const LOCAL_CODE_ID = 'A1000000003';

/**
 * A school of seven students (three pages at three a page) marked over two school weeks of October 2025,
 * with an N, an illness spell and a late mark; a school that has revoked access; and a school one of whose
 * marks uses a local code with no DfE equivalent.
 */
export async function startFakeWonde(): Promise<FakeWonde> {
  const fake = await new FakeWonde(TOKEN).start();
  fake.schools = [
    { id: SCHOOL_ID, name: 'Castle Hill Academy', urn: SCHOOL_URN },
    { id: REVOKED_ID, name: 'Ashby Lane Primary School', urn: '100002', revoked: true },
    { id: LOCAL_CODE_ID, name: 'Brook Farm School', urn: '100003' },
  ];
  const students = Array.from({ length: 7 }, (_, i) => ({
    id: `A${2000 + i}`,
    upn: fixtureUpn(i + 1),
    forename: ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Finn', 'Grace'][i],
    surname: 'Test',
    dateOfBirth: '2014-05-01',
    ncYear: '7',
    sen: i === 2 ? 'K' : 'N',
    fsm: i % 3 === 0,
    lookedAfter: i === 4,
  }));
  fake.students.set(SCHOOL_ID, students);
  fake.students.set(LOCAL_CODE_ID, students.slice(0, 2));
  fake.marks.set(
    SCHOOL_ID,
    weekMarks(
      students.map((s) => s.id),
      '2025-10-06',
      '2025-10-17',
    ),
  );
  const local = weekMarks(
    students.slice(0, 2).map((s) => s.id),
    '2025-10-13',
    '2025-10-17',
  );
  local[3] = { ...local[3], code: 'ZZ' };
  fake.marks.set(LOCAL_CODE_ID, local);
  return fake;
}

/**
 * Present every session, but student 2 has an N on the 15th, student 3 is ill from the 14th, student 1 is late
 * on the 16th and student 5 has an N on the 17th.
 */
export function weekMarks(studentIds: string[], from: string, to: string): FakeWondeMark[] {
  const marks: FakeWondeMark[] = [];
  for (const date of eachDate(from, to)) {
    if (isWeekend(date)) continue;
    studentIds.forEach((student, i) => {
      for (const session of ['AM', 'PM'] as const) {
        let code = session === 'AM' ? '/' : '\\';
        if (i === 1 && date === '2025-10-15') code = 'N';
        if (i === 2 && date >= '2025-10-14') code = 'I';
        if (i === 0 && date === '2025-10-16' && session === 'AM') code = 'L';
        if (i === 4 && date === '2025-10-17') code = 'N';
        marks.push({ student, date, session, code });
      }
    });
  }
  return marks;
}
