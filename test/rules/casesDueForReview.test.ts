import { describe, expect, it } from 'vitest';
import {
  type CaseChange,
  CASE_REVIEW_AHEAD_DAYS,
  casesDueForReview,
  policyProfile,
  type PupilCase,
} from '../../rules/index.ts';
import { caseAfter } from '../support/caseFixture.ts';

const bramhall = policyProfile('stockport-bramhall');

function caseFor(name: string, upn: string, changes: CaseChange[] = []): PupilCase {
  const opened = { schoolUrn: '100001', upn, pupilName: name, yearGroup: '9', stageId: 'stage-1' };
  return caseAfter({ ...opened, because: 'staff', today: '2025-11-03' }, bramhall, changes);
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
