import { describe, expect, it } from 'vitest';
import { partTimeFindings, type PartTimeRuleId } from '../../rules/partTime/partTimeFindings.ts';
import { type PartTimeTimetable } from '../../rules/partTime/partTimeTimetable.ts';
import { POLICY_PROFILES, policyProfile } from '../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, fixtureUpn, makeRegister, type FixturePupil } from '../support/registerFixture.ts';

const national = policyProfile('national');
const derby = policyProfile('derby');

/** An agreed timetable for fixture pupil 1: out on Monday to Wednesday afternoons, reviewed monthly. */
function timetable(over: Partial<PartTimeTimetable> = {}): PartTimeTimetable {
  return {
    upn: fixtureUpn(1),
    start: '2025-09-15',
    proposedEnd: '2025-12-19',
    sessionsOff: [
      { weekday: 1, half: 'PM' },
      { weekday: 2, half: 'PM' },
      { weekday: 3, half: 'PM' },
    ],
    schoolAgreedOn: '2025-09-10',
    parentAgreedOn: '2025-09-11',
    plan: 'Medical reintegration plan',
    nextReview: '2025-11-17',
    reviews: [{ on: '2025-10-13' }],
    ...over,
  };
}

function findings(pupil: FixturePupil, t: PartTimeTimetable[], asOf: string, policy = national) {
  const register = makeRegister({ calendar: AUTUMN_2025, pupils: [pupil] });
  return partTimeFindings(register, t, { asOf, policy });
}
const rules = (fs: { rule: PartTimeRuleId }[]) => fs.map((f) => f.rule);

describe('part-time timetable reviews', () => {
  it('shows a review due on the day it is due, not as overdue', () => {
    const fs = findings({}, [timetable()], '2025-11-17');
    expect(rules(fs)).toEqual(['part-time-review-due']);
    expect(fs[0].reason).toMatch(/due for review today/);
  });

  it('is overdue the day after the review date when no review was recorded', () => {
    const fs = findings({}, [timetable()], '2025-11-18');
    expect(rules(fs)).toEqual(['part-time-review-overdue']);
    expect(fs[0].evidence.daysOverdue).toBe(1);
  });

  it('is neither due nor overdue once the review has been held', () => {
    expect(findings({}, [timetable({ reviews: [{ on: '2025-11-17' }] })], '2025-11-20')).toEqual([]);
  });

  it('shows as due only within the profile’s notice of the date', () => {
    const within = national.partTimeTimetables.reviewDueWithinDays;
    expect(findings({}, [timetable({ nextReview: '2025-11-24' })], `2025-11-${24 - within}`).length).toBe(1);
    expect(findings({}, [timetable({ nextReview: '2025-11-24' })], `2025-11-${23 - within}`)).toEqual([]);
  });

  it('flags a timetable with no review date set', () => {
    const fs = findings({}, [timetable({ nextReview: undefined })], '2025-10-20');
    expect(rules(fs)).toEqual(['part-time-review-overdue']);
    expect(fs[0].reason).toMatch(/no review date set since the review on Monday,? 13 October 2025/);
  });

  it('says nothing of a timetable that has ended', () => {
    expect(findings({}, [timetable({ nextReview: undefined, endedOn: '2025-10-31' })], '2025-11-05')).toEqual([]);
  });
});

describe('part-time timetable end dates', () => {
  it('flags a timetable still in place the day after its end date', () => {
    const fs = findings({}, [timetable({ proposedEnd: '2025-11-16', nextReview: '2025-12-15' })], '2025-11-17');
    expect(rules(fs)).toEqual(['part-time-past-end-date']);
    expect(fs[0].reason).toMatch(/due to end on Sunday,? 16 November 2025/);
  });

  it('is not past its end on the end date itself', () => {
    expect(findings({}, [timetable({ proposedEnd: '2025-11-17', nextReview: '2025-12-15' })], '2025-11-17')).toEqual(
      [],
    );
  });

  it('follows an extension agreed at a review', () => {
    const t = timetable({
      proposedEnd: '2025-11-07',
      nextReview: '2025-12-15',
      reviews: [{ on: '2025-11-05', extendedTo: '2025-12-19' }],
    });
    expect(findings({}, [t], '2025-11-20')).toEqual([]);
    expect(findings({}, [t], '2025-12-05')).toEqual([]);
  });
});

describe('C2 marks and the timetable behind them', () => {
  const monday = '2025-11-10';
  const thursday = '2025-11-13';

  it('accepts C2 on a session the agreed timetable covers', () => {
    expect(findings({ days: { [monday]: '/C2' } }, [timetable({ nextReview: '2025-12-15' })], '2025-11-14')).toEqual(
      [],
    );
  });

  it('flags C2 on a session the timetable does not cover', () => {
    const fs = findings({ days: { [thursday]: '/C2' } }, [timetable({ nextReview: '2025-12-15' })], '2025-11-14');
    expect(rules(fs)).toEqual(['part-time-c2-not-agreed']);
    expect(fs[0].evidence.sessions).toEqual([{ date: thursday, session: 'PM', code: 'C2', problem: 'not-covered' }]);
    expect(fs[0].reason).toMatch(/1 on sessions the agreed timetable does not cover/);
  });

  it('flags C2 for a pupil with no timetable at all', () => {
    const fs = findings({ days: { [monday]: 'C2' } }, [], '2025-11-14');
    expect(fs[0].evidence.sessions).toHaveLength(2);
    expect(fs[0].reason).toMatch(/2 with no part-time timetable recorded/);
  });

  it('flags C2 before the parent the pupil lives with agreed', () => {
    const t = timetable({ parentAgreedOn: '2025-11-12', nextReview: '2025-12-15' });
    const fs = findings({ days: { [monday]: '/C2', '2025-11-17': '/C2' } }, [t], '2025-11-20');
    expect(fs.map((f) => f.evidence.sessions)).toEqual([
      [{ date: monday, session: 'PM', code: 'C2', problem: 'not-agreed' }],
    ]);
  });
});

describe('who must be told', () => {
  it('asks for the social worker to be told, and stops once they have been', () => {
    const t = timetable({ nextReview: '2025-12-15' });
    expect(rules(findings({ socialWorker: true }, [t], '2025-11-14'))).toEqual(['part-time-social-worker-not-told']);
    expect(findings({ socialWorker: true }, [{ ...t, socialWorkerToldOn: '2025-09-12' }], '2025-11-14')).toEqual([]);
  });

  it('asks for the local authority to be consulted for a pupil with an EHC plan', () => {
    const t = timetable({ nextReview: '2025-12-15' });
    expect(rules(findings({ sen: 'ehcp' }, [t], '2025-11-14'))).toEqual(['part-time-ehcp-la-not-told']);
    expect(findings({ sen: 'support' }, [t], '2025-11-14')).toEqual([]);
    expect(findings({ sen: 'ehcp' }, [{ ...t, localAuthorityToldOn: '2025-09-12' }], '2025-11-14')).toEqual([]);
  });
});

describe('citations', () => {
  it('cite Derby City Council’s paragraphs under its profile and national sources elsewhere', () => {
    const t = timetable({ nextReview: undefined, proposedEnd: '2025-10-01' });
    const pupil: FixturePupil = { socialWorker: true, sen: 'ehcp', days: { '2025-11-13': 'C2' } };
    const derbyCites = findings(pupil, [t], '2025-11-14', derby).map((f) => f.citation);
    expect(derbyCites.every((c) => c.source === derby.penaltyThreshold.citation.source)).toBe(true);
    expect(derbyCites.map((c) => c.where)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^para 19/), expect.stringMatching(/^para 20/)]),
    );
    for (const profile of POLICY_PROFILES.values()) {
      if (profile.id === 'derby') continue;
      for (const f of findings(pupil, [t], '2025-11-14', profile))
        expect(f.citation.source).not.toBe(derby.penaltyThreshold.citation.source);
    }
  });
});
