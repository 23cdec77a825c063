import { describe, expect, it } from 'vitest';
import { nationalProfile } from '../../rules/policies/national.ts';
import { policyProfileSchema } from '../../rules/policies/policyProfile.ts';
import { POLICY_PROFILES, policyProfile } from '../../rules/policies/policyProfiles.ts';
import { SOURCES, citedSources } from '../../rules/sources/sourceRegister.ts';

/** Paths (a.b) of every value a profile sets differently from the national one; arrays compare whole. */
function changedPaths(profile: unknown, base: unknown, path = ''): string[] {
  if (
    typeof profile === 'object' &&
    profile !== null &&
    !Array.isArray(profile) &&
    typeof base === 'object' &&
    base !== null &&
    !Array.isArray(base)
  ) {
    const keys = new Set([...Object.keys(profile), ...Object.keys(base)]);
    return [...keys].flatMap((k) =>
      changedPaths(
        (profile as Record<string, unknown>)[k],
        (base as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return JSON.stringify(profile) === JSON.stringify(base) ? [] : [path];
}

/** Every citation object anywhere in a profile. */
function citations(value: unknown): { source: string; where: string }[] {
  if (Array.isArray(value)) return value.flatMap(citations);
  if (typeof value !== 'object' || value === null) return [];
  const v = value as Record<string, unknown>;
  if (typeof v.source === 'string' && typeof v.where === 'string' && Object.keys(v).length === 2)
    return [v as { source: string; where: string }];
  return Object.values(v).flatMap(citations);
}

const IDENTITY = ['id', 'name', 'kind', 'source', 'version'];

// What each seed changes, and nothing else: where a seed is silent the national rule stands.
const EXPECTED_CHANGES: Record<string, string[]> = {
  derby: [
    'penaltyThreshold.citation',
    'unexplainedAbsence.socialWorkerStep',
    'unexplainedAbsence.socialWorkerCitation',
    'stages',
    'notify.sicknessReturn',
    'notify.continuousAbsence',
    'notify.unexplainedWithSocialWorker',
    'partTimeTimetables.agreementCitation',
    'partTimeTimetables.reviewCitation',
    'partTimeTimetables.endDateCitation',
    'partTimeTimetables.socialWorkerCitation',
    'partTimeTimetables.ehcpCitation',
    'partTimeTimetables.recordingCitation',
    'crossBorder.citation',
    'crossBorder.enquiriesCitation',
  ],
  'dudley-st-james': [
    'register.opensAt',
    'register.citation',
    'absence.atRiskCitation',
    'penaltyThreshold.citation',
    'penaltyNotice.citation',
    'noticeToImprove.citation',
    'unexplainedAbsence.firstDayContact',
    'unexplainedAbsence.homeVisitStep',
    'unexplainedAbsence.socialWorkerStep',
    'unexplainedAbsence.correctNWithin',
    'unexplainedAbsence.citation',
    'unexplainedAbsence.homeVisitCitation',
    'unexplainedAbsence.socialWorkerCitation',
    'unexplainedAbsence.correctNCitation',
    'lateness.nextStep',
    'lateness.citation',
    'leave.refuseHolidays',
    'leave.citation',
    'leave.noticeSchoolDays',
    'leave.noticeAppliesFromSessions',
    'leave.refuseFromSessions',
  ],
  nottingham: [
    'sicknessReturn.nextStep',
    'sicknessReturn.citation',
    'stages',
    'notify.sicknessReturn',
    'notify.continuousAbsence',
  ],
  'central-bedfordshire': [
    'absence.citation',
    'sicknessReturn.nextStep',
    'sicknessReturn.citation',
    'continuousAbsence.nextStep',
    'continuousAbsence.citation',
    'stages',
    'targets',
    'notify.sicknessReturn',
    'notify.continuousAbsence',
  ],
  'stockport-bramhall': [
    'register.opensAt',
    'register.citation',
    'penaltyThreshold.citation',
    'penaltyNotice.citation',
    'noticeToImprove.period',
    'noticeToImprove.citation',
    'noticeToImprove.unauthorisedSessionsAllowed',
    'unexplainedAbsence.firstDayContact',
    'unexplainedAbsence.homeVisitStep',
    'unexplainedAbsence.socialWorkerStep',
    'unexplainedAbsence.citation',
    'unexplainedAbsence.homeVisitCitation',
    'unexplainedAbsence.socialWorkerCitation',
    'sicknessReturn.once',
    'sicknessReturn.nextStep',
    'sicknessReturn.citation',
    'continuousAbsence.nextStep',
    'continuousAbsence.citation',
    'lateness.nextStep',
    'lateness.citation',
    'brokenWeeks.nextStep',
    'brokenWeeks.citation',
    'leave.refuseHolidays',
    'leave.penaltyWithoutWarningFromDays',
    'leave.penaltyWithoutWarningStep',
    'leave.citation',
    'stages',
    'notify.sicknessReturn',
    'notify.continuousAbsence',
  ],
};

describe('policy profiles', () => {
  it('ships national and one profile per seed, each valid against the schema', () => {
    expect([...POLICY_PROFILES.keys()]).toEqual([
      'national',
      'derby',
      'dudley-st-james',
      'nottingham',
      'central-bedfordshire',
      'stockport-bramhall',
    ]);
    for (const p of POLICY_PROFILES.values()) expect(policyProfileSchema.safeParse(p).success).toBe(true);
  });

  it('names the known profiles when asked for an unknown one', () => {
    expect(() => policyProfile('derbyshire')).toThrow(
      /unknown policy profile "derbyshire"; the profiles are: national, derby/,
    );
  });

  it('keeps the national numbers: 10 sessions in 10 school weeks, 15 days, 10 and 20 days, 5 school days, £160/£80', () => {
    const n = nationalProfile;
    expect([n.penaltyThreshold.sessions, n.penaltyThreshold.schoolWeeks, n.penaltyThreshold.codes]).toEqual([
      10,
      10,
      ['G', 'N', 'O', 'U'],
    ]);
    expect([n.sicknessReturn.days, n.sicknessReturn.sessionCounts, n.sicknessReturn.once]).toEqual([
      15,
      'half-day',
      'per-episode',
    ]);
    expect([
      n.continuousAbsence.days,
      n.continuousAbsence.codes,
      n.deletionGround.days,
      n.deletionGround.codes,
    ]).toEqual([10, ['G', 'N', 'O', 'U'], 20, ['G', 'N', 'O']]);
    expect(n.unexplainedAbsence.correctNWithin).toEqual({ days: 5, unit: 'school-days' });
    expect(n.penaltyNotice).toMatchObject({
      firstAmount: 160,
      firstReducedAmount: 80,
      reducedWithinDays: 21,
      payWithinDays: 28,
      secondAmount: 160,
      maxNoticesInPeriod: 2,
      periodYears: 3,
    });
    expect(n.noticeToImprove.period).toEqual({ unit: 'weeks', min: 3, max: 6 });
    expect([n.absence.persistentPercent, n.absence.severePercent]).toEqual([10, 50]);
  });

  for (const [id, expected] of Object.entries(EXPECTED_CHANGES)) {
    it(`${id} overrides only what its seed changes`, () => {
      // Compared as section.field: a changed citation is one change, whichever of source and where moved.
      const changed = new Set(
        changedPaths(policyProfile(id), nationalProfile).map((p) => p.split('.').slice(0, 2).join('.')),
      );
      expect([...changed].filter((p) => !IDENTITY.includes(p)).sort()).toEqual([...expected].sort());
    });

    it(`${id} cites only its own document or national sources, each by its title in the source register`, () => {
      const profile = policyProfile(id);
      const own = profile.source === 'national' ? undefined : SOURCES[profile.source as keyof typeof SOURCES];
      expect(own?.scope).toBe('local');
      for (const c of citations(profile)) {
        for (const source of citedSources(c)) {
          expect(source, `"${c.source}" is not a title in the source register`).toBeDefined();
          if (source!.scope === 'local') expect(source!.title, c.where).toBe(own!.title);
        }
      }
    });
  }

  it('sets 001’s local rules: 5 working days for N, 10 school days’ notice for a whole day or more, a cap below 10 sessions, no holidays', () => {
    const p = policyProfile('dudley-st-james');
    expect(p.unexplainedAbsence.correctNWithin).toEqual({ days: 5, unit: 'working-days' });
    expect(p.leave).toMatchObject({
      noticeSchoolDays: 10,
      noticeAppliesFromSessions: 2,
      refuseFromSessions: 10,
      refuseHolidays: true,
    });
    expect(p.register).toMatchObject({ opensAt: '08:40', closesAfterMinutes: 30 });
  });

  it('sets 004’s local rules: a 15-school-day warning with no unauthorised absence, 5+ days of leave to a penalty without warning, one sickness return a year', () => {
    const p = policyProfile('stockport-bramhall');
    expect(p.noticeToImprove).toMatchObject({
      period: { unit: 'school-days', min: 15, max: 15 },
      unauthorisedSessionsAllowed: 0,
    });
    expect(p.leave).toMatchObject({ refuseHolidays: true, penaltyWithoutWarningFromDays: 5 });
    expect(p.sicknessReturn.once).toBe('per-school-year');
    expect(p.stages.map((s) => s.id)).toEqual(['stage-1', 'stage-2', 'stage-3', 'stage-4']);
    expect(p.stages[1].reviewEveryWeeks).toEqual([4, 6]);
  });

  it('sets 003’s 2027/28 targets', () => {
    expect(policyProfile('central-bedfordshire').targets).toMatchObject({
      year: '2027/28',
      attendancePercent: 94.5,
      primaryAttendancePercent: 95,
      secondaryAttendancePercent: 93.5,
      persistentAbsencePercent: 15,
      primaryPersistentAbsencePercent: 13,
      secondaryPersistentAbsencePercent: 16,
      fsmPersistentAbsencePercent: 25,
    });
  });
});

describe('the national profile', () => {
  it('cites only national sources, each by its title in the source register', () => {
    for (const c of citations(nationalProfile))
      for (const source of citedSources(c)) expect(source?.scope, `"${c.source}" (${c.where})`).toBe('national');
  });
});

describe('shared tables', () => {
  it('are frozen all the way down: every shipped profile, its sections, arrays and citations', () => {
    for (const profile of POLICY_PROFILES.values()) {
      expect(Object.isFrozen(profile)).toBe(true);
      expect(Object.isFrozen(profile.penaltyThreshold.codes)).toBe(true);
      expect(Object.isFrozen(profile.penaltyThreshold.citation)).toBe(true);
      expect(() => (profile.penaltyThreshold.codes as string[]).push('I')).toThrow(TypeError);
    }
  });
});
