import { describe, expect, it } from 'vitest';
import {
  applyCaseChange,
  CASE_REVIEW_AHEAD_DAYS,
  casesDueForReview,
  openCase,
  policyProfile,
  type PupilCase,
} from '../../rules/index.ts';

const bramhall = policyProfile('stockport-bramhall');
const lead = { id: 'aad-lead', name: 'Ann Lead' };

function caseFor(name: string, upn: string, changes: Parameters<typeof applyCaseChange>[1][] = []): PupilCase {
  let c = openCase({
    schoolUrn: '100001',
    upn,
    pupilName: name,
    yearGroup: '9',
    because: 'staff',
    stageId: 'stage-1',
    today: '2025-11-03',
    at: '2025-11-03T09:00:00.000Z',
    by: lead,
  });
  for (const change of changes)
    c = applyCaseChange(c, change, { policy: bramhall, today: '2025-11-03', at: '2025-11-03T10:00:00.000Z', by: lead });
  return c;
}

const review = (date: string) => ({ kind: 'next-review', date }) as const;

describe('cases due a review', () => {
  const today = '2025-12-01';

  it('lists a review due yesterday as overdue by one day, one due today, and one exactly a fortnight ahead', () => {
    const due = casesDueForReview(
      [
        caseFor('Cara Ahead', 'A820123425003', [review('2025-12-15')]),
        caseFor('Amy Late', 'A820123425001', [review('2025-11-30')]),
        caseFor('Ben Today', 'A820123425002', [review('2025-12-01')]),
      ],
      today,
    );
    expect(due.map((d) => [d.pupilCase.pupilName, d.review])).toEqual([
      ['Amy Late', { kind: 'overdue', due: '2025-11-30', days: 1 }],
      ['Ben Today', { kind: 'today', due: '2025-12-01' }],
      ['Cara Ahead', { kind: 'ahead', due: '2025-12-15', days: CASE_REVIEW_AHEAD_DAYS }],
    ]);
  });

  it('leaves out a review a day beyond the fortnight unless an agreed action is due', () => {
    const later = caseFor('Dan Later', 'A820123425004', [review('2025-12-16')]);
    expect(casesDueForReview([later], today)).toEqual([]);
    const withAction = caseFor('Dan Later', 'A820123425004', [
      review('2025-12-16'),
      { kind: 'add-action', what: 'Home visit', party: 'school', owner: 'Ms Patel', due: '2025-12-01' },
    ]);
    const [row] = casesDueForReview([withAction], today);
    expect(row.review).toEqual({ kind: 'ahead', due: '2025-12-16', days: 15 });
    expect(row.actionsDue.map((a) => a.what)).toEqual(['Home visit']);
  });

  it('lists a case with no review date after every dated one, since someone has to set it', () => {
    const due = casesDueForReview(
      [caseFor('Eve Unset', 'A820123425005'), caseFor('Amy Late', 'A820123425001', [review('2025-11-20')])],
      today,
    );
    expect(due.map((d) => [d.pupilCase.pupilName, d.review.kind])).toEqual([
      ['Amy Late', 'overdue'],
      ['Eve Unset', 'unset'],
    ]);
  });
});
