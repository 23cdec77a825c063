import { z } from 'zod';
import {
  checkUpn,
  isIsoDate,
  normaliseParent,
  PAST_NOTICE_OUTCOMES,
  type PastNotice,
  type PastNoticeOutcome,
} from '../../rules/index.ts';
import { readCsvTable } from '../register/csvTable.ts';
import { ProblemList, RegisterInputError } from '../register/inputProblems.ts';

const COLUMNS = ['upn', 'parent', 'issued_date', 'amount', 'outcome'] as const;

/** dd/mm/yyyy as schools' spreadsheets write dates, or ISO. */
function isoFrom(text: string): string | undefined {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
  return isIsoDate(iso) ? iso : undefined;
}

const row = z.object({
  upn: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((upn, ctx) => {
      const checked = checkUpn(upn);
      if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem });
    }),
  parent: z.string().trim().min(1, 'the parent the notice went to is missing').max(80, 'at most 80 characters'),
  issued_date: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const iso = isoFrom(text);
      if (!iso)
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a date (YYYY-MM-DD or dd/mm/yyyy)` });
      return iso ?? '';
    }),
  amount: z
    .string()
    .trim()
    .transform((text) => text.replace(/^£/, ''))
    .pipe(
      z
        .string()
        .regex(/^\d+(\.\d{1,2})?$/, 'an amount in pounds, such as 80 or 160')
        .transform(Number)
        .pipe(z.number().positive('the amount must be more than £0').max(2500, 'no penalty notice is over £2,500')),
    ),
  outcome: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(PAST_NOTICE_OUTCOMES, { message: `one of ${PAST_NOTICE_OUTCOMES.join(', ')}` })),
});

/**
 * Reads a school's or LA's record of penalty notices already issued (`upn,parent,issued_date,amount,
 * outcome`, a header row first) so the 3-year rule counts them. Every row is checked; any problem stops
 * the import and names file, line and field, so nothing is half-loaded. A notice dated after `today`
 * cannot have been issued yet.
 */
export function readPenaltyHistory(path: string, displayName: string, today: string): PastNotice[] {
  const problems = new ProblemList();
  const table = readCsvTable(path, displayName, COLUMNS, problems);
  const notices: PastNotice[] = [];
  for (const r of table?.rows ?? []) {
    const parsed = row.safeParse(r.cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.add({
          file: displayName,
          line: r.line,
          field: String(issue.path[0] ?? '(row)'),
          message: issue.message,
        });
      continue;
    }
    const { upn, parent, issued_date: issuedOn, amount, outcome } = parsed.data;
    if (issuedOn > today) {
      problems.add({
        file: displayName,
        line: r.line,
        field: 'issued_date',
        message: `${issuedOn} is after today (${today})`,
      });
      continue;
    }
    notices.push({
      upn,
      parentName: parent,
      parentKey: normaliseParent(parent),
      issuedOn,
      amount,
      outcome: outcome as PastNoticeOutcome,
    });
  }
  if (!problems.empty) throw new RegisterInputError(problems.problems, problems.total);
  return notices;
}
