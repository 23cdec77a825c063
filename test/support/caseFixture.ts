import {
  applyCaseChange,
  type CaseChange,
  openCase,
  type OpenCaseInput,
  type PolicyProfile,
  type PupilCase,
} from '../../rules/index.ts';

/** The attendance lead who opens and changes the tests' cases. */
export const CASE_LEAD = { id: 'aad-lead', name: 'Ann Lead' };

/**
 * A case opened on `opened.today` by the attendance lead and then changed, in order, the same day, under
 * `policy`: how a case looks after a meeting agreed its review date, stage and actions.
 */
export function caseAfter(
  opened: Pick<OpenCaseInput, 'schoolUrn' | 'upn' | 'pupilName' | 'yearGroup' | 'because' | 'stageId' | 'today'>,
  policy: PolicyProfile,
  changes: readonly CaseChange[] = [],
): PupilCase {
  let c = openCase({ ...opened, at: `${opened.today}T09:00:00.000Z`, by: CASE_LEAD });
  for (const change of changes)
    c = applyCaseChange(c, change, { policy, today: opened.today, at: `${opened.today}T10:00:00.000Z`, by: CASE_LEAD });
  return c;
}
