import {
  formatMonth,
  formatShortDate,
  isCalendarMonth,
  lastSchoolDayOnOrBefore,
  type LocalAuthorityReturn,
  monthBounds,
  monthlyReturns,
  returnsCsv,
} from '../rules/index.ts';
import { parseBundleArgs, UsageError } from './cliArgs.ts';
import { type CommandOutput } from './commandTypes.ts';
import { wrap } from './formatText.ts';
import { loadForCli } from './loadForCli.ts';

interface ReturnsArgs {
  dir: string;
  month: string;
  policy?: string;
  format: 'text' | 'json' | 'csv';
  lenient: boolean;
  previous?: string;
}

function parseReturnsArgs(argv: string[]): ReturnsArgs {
  const { values, dir } = parseBundleArgs(argv, {
    month: { type: 'string' },
    policy: { type: 'string' },
    json: { type: 'boolean', default: false },
    csv: { type: 'boolean', default: false },
    lenient: { type: 'boolean', default: false },
    previous: { type: 'string' },
  });
  if (values.month === undefined) throw new UsageError('--month YYYY-MM is required: the month the returns are for');
  if (!isCalendarMonth(values.month))
    throw new UsageError(`--month ${JSON.stringify(values.month)} is not a month written YYYY-MM (e.g. 2025-11)`);
  if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
  return {
    dir,
    month: values.month,
    policy: values.policy,
    format: values.json ? 'json' : values.csv ? 'csv' : 'text',
    lenient: values.lenient ?? false,
    previous: values.previous,
  };
}

const KIND_TITLES = { attendance: 'Attendance returns', sickness: 'Sickness returns' } as const;

function returnsText(rows: readonly LocalAuthorityReturn[]): string {
  if (rows.length === 0) return 'No returns are owed for this month.\n';
  const out: string[] = [];
  for (const kind of ['attendance', 'sickness'] as const) {
    const group = rows.filter((r) => r.kind === kind);
    if (group.length === 0) continue;
    out.push(`\n${KIND_TITLES[kind]}: ${group.length}`);
    for (const r of group) {
      const days = kind === 'attendance' ? `${r.schoolDays} school days` : `${r.schoolDays} days of illness`;
      out.push(
        `  ${r.pupilName} (${r.upn}, Year ${r.yearGroup}): ${days}, ${formatShortDate(r.from)} to ${formatShortDate(r.to)}`,
      );
      out.push(`    Why:  ${wrap(r.reason, 96, '          ')}`);
      out.push(`    Source: ${wrap(`${r.citation.source}, ${r.citation.where}`, 94, '            ')}`);
    }
  }
  return `${out.join('\n').trimStart()}\n`;
}

/**
 * `attendance returns <dir> --month YYYY-MM [--policy ID] [--json|--csv]`: every return the school owes
 * the local authority for the month (attendance returns and sickness returns), worked out at the month's
 * last day, or at the register's last marked day when the month is not over.
 */
export function returnsCommand(argv: string[]): CommandOutput {
  const args = parseReturnsArgs(argv);
  const {
    register,
    report,
    policy,
    asOf: lastMarked,
  } = loadForCli({
    dir: args.dir,
    policy: args.policy,
    json: false,
    method: 'all-pupils',
    lenient: args.lenient,
    rules: [],
    previous: args.previous,
  });
  const { first, last } = monthBounds(args.month);
  if (last < register.calendar.dayDate[0])
    throw new UsageError(
      `--month ${args.month} ends before the register's first school day (${register.calendar.dayDate[0]})`,
    );
  if (lastMarked < first)
    throw new UsageError(`--month ${args.month} starts after the register's last marked school day (${lastMarked})`);
  const asOf = lastMarked < last ? lastMarked : last;
  const owed = monthlyReturns(register, { month: args.month, policy, asOf });
  const stderr =
    report.rowsRejected > 0
      ? `${report.rowsRejected} row${report.rowsRejected === 1 ? '' : 's'} rejected (--lenient): see rejects.\n`
      : '';
  if (args.format === 'csv') return { stdout: returnsCsv(register.school, owed), stderr };
  if (args.format === 'json') {
    const body = {
      month: args.month,
      policy: policy.id,
      school: register.school,
      returns: owed.returns.map(({ upn, pupilName, kind, from, to, schoolDays, reason, citation }) => ({
        upn,
        pupilName,
        kind,
        from,
        to,
        schoolDays,
        reason,
        citation,
      })),
    };
    return { stdout: `${JSON.stringify(body)}\n`, stderr };
  }
  const header = `${register.school.name}${register.school.urn ? ` (URN ${register.school.urn})` : ''}: returns to the local authority for ${formatMonth(args.month)}, policy ${policy.name} [${policy.id}]\n`;
  // A month whose last school day is not yet marked is not over: say so, and that these are owed so far.
  const monthLastDay = register.calendar.dayDate[lastSchoolDayOnOrBefore(register.calendar, last)];
  const partial =
    asOf < monthLastDay
      ? `Note: the register is marked to ${formatShortDate(asOf)}: these are the returns owed so far.\n`
      : '';
  return { stdout: `${header}${partial}\n${returnsText(owed.returns)}`, stderr };
}
