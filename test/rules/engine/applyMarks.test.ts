import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRegisterCode, REGISTER_CODES } from '../../../rules/codes/registerCodes.ts';
import { createAttendanceEngine } from '../../../rules/engine/attendanceEngine.ts';
import { applyMarks, type MarkChange } from '../../../rules/engine/applyMarks.ts';
import { indexRegister, type RegisterIndex } from '../../../rules/engine/registerIndex.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { type Register } from '../../../rules/register/register.ts';
import { randomRegister } from './randomRegister.ts';

const CODE_IDS = [0, ...REGISTER_CODES.map((c) => c.id)];
const LENIENT_SETS = [
  ['L', 'U'],
  ['G', 'N', 'O', 'U', 'L'],
];

function copyRegister(register: Register): Register {
  return { ...register, marks: register.marks.slice() };
}

/** What an index holds that depends on the marks, as plain arrays for a deep comparison. */
function marksDependentParts(index: RegisterIndex) {
  return {
    possible: Array.from(index.possible),
    brokenWeeks: index.brokenWeeks && Array.from(index.brokenWeeks),
    start: Array.from(index.absenceMarks.start),
    // Entries past the last pupil's end are slack a merge may leave; readers never look there.
    session: Array.from(index.absenceMarks.session.subarray(0, index.absenceMarks.start[index.register.pupils.length])),
    code: Array.from(index.absenceMarks.code.subarray(0, index.absenceMarks.start[index.register.pupils.length])),
    codeSets: [...index.codeSetCounts].map(([key, counts]) => [key, Array.from(counts)]),
  };
}

describe('applying marks in place', () => {
  const base = randomRegister(11, 40);
  const n = base.calendar.sessionCount;

  it('leaves the index exactly as indexing the changed register afresh would (any changes)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pupil: fc.integer({ min: 0, max: base.pupils.length - 1 }),
            session: fc.integer({ min: 0, max: n - 1 }),
            code: fc.constantFrom(...CODE_IDS),
          }),
          { maxLength: 60 },
        ),
        (changes) => {
          const register = copyRegister(base);
          const index = indexRegister(register, LENIENT_SETS);
          // Applied in order, the last change to a session wins.
          const expectedRegister = copyRegister(base);
          for (const c of changes) expectedRegister.marks[c.pupil * n + c.session] = c.code;
          const report = applyMarks(index, changes);
          expect(Array.from(register.marks)).toEqual(Array.from(expectedRegister.marks));
          expect(marksDependentParts(index)).toEqual(
            marksDependentParts(indexRegister(expectedRegister, LENIENT_SETS)),
          );
          expect(report.changed + report.unchanged).toBe(changes.length);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the findings a rebuilt engine gives, after a whole school day of marks for every pupil', () => {
    const full = randomRegister(12, 60);
    const day = full.calendar.dayIndex.get('2025-03-12')!;
    const first = full.calendar.dayFirstSession[day];
    const end = full.calendar.dayFirstSession[day + 1];
    const before = copyRegister(full);
    const changes: MarkChange[] = [];
    for (let p = 0; p < full.pupils.length; p++)
      for (let s = first; s < end; s++) {
        changes.push({ pupil: p, session: s, code: full.marks[p * n + s] });
        before.marks[p * n + s] = 0;
      }
    const engine = createAttendanceEngine([before]);
    // Query first, so the engine's reused screen arrays and any lazily counted code sets are in play.
    for (const policy of POLICY_PROFILES.values()) engine.findingsAt('2025-03-11', policy);
    const report = engine.applyMarks(0, changes);
    expect(report.pupils).toBeGreaterThan(0);
    const rebuilt = createAttendanceEngine([full]);
    for (const policy of POLICY_PROFILES.values()) {
      for (const asOf of ['2025-03-11', '2025-03-12', '2025-03-14', '2025-07-22']) {
        expect(engine.findingsAt(asOf, policy)[0].findings()).toStrictEqual(
          rebuilt.findingsAt(asOf, policy)[0].findings(),
        );
      }
    }
  });

  it('changes nothing and reports every entry unchanged when the marks are already held', () => {
    const register = copyRegister(base);
    const engine = createAttendanceEngine([register]);
    const absenceMarks = engine.schools[0].absenceMarks;
    const report = engine.applyMarks(0, [{ pupil: 3, session: 5, code: register.marks[3 * n + 5] }]);
    expect(report).toEqual({ changed: 0, unchanged: 1, pupils: 0 });
    expect(engine.schools[0].absenceMarks).toBe(absenceMarks);
  });

  it('refuses a change naming a pupil or session the register does not have', () => {
    const engine = createAttendanceEngine([copyRegister(base)]);
    const code = findRegisterCode('N')!.id;
    expect(() => engine.applyMarks(0, [{ pupil: base.pupils.length, session: 0, code }])).toThrow(/out of range/);
    expect(() => engine.applyMarks(0, [{ pupil: 0, session: n, code }])).toThrow(/out of range/);
    expect(() => engine.applyMarks(1, [])).toThrow(/no school 1/);
  });

  it('indexes a school again when its roll changes, keeping the other schools as they were', () => {
    const other = copyRegister(randomRegister(13, 10));
    const engine = createAttendanceEngine([copyRegister(base), other]);
    const grown = randomRegister(11, 45);
    engine.reindex(0, grown);
    expect(engine.pupilCount).toBe(55);
    const policy = POLICY_PROFILES.get('national')!;
    expect(engine.findingsAt('2025-03-12', policy)[0].findings()).toStrictEqual(
      createAttendanceEngine([grown]).findingsAt('2025-03-12', policy)[0].findings(),
    );
  });
});
