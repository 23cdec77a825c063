import { readRegisterBundle, type BundleReadReport } from '../adapters/register/readRegisterBundle.ts';
import { lastSchoolDayOnOrBefore } from '../rules/calendar/calendarLookup.ts';
import { policyProfile } from '../rules/policies/policyProfiles.ts';
import { type PolicyProfile } from '../rules/policies/policyProfile.ts';
import { lastMarkedSchoolDay } from '../rules/register/lastMarkedSchoolDay.ts';
import { type Register } from '../rules/register/register.ts';
import { UsageError, type CommonArgs } from './cliArgs.ts';

export interface CliInputs {
  register: Register;
  report: BundleReadReport;
  policy: PolicyProfile;
  asOf: string;
  asOfDefaulted: boolean;
  /** Things about the as-of date the user should know. */
  notes: string[];
}

/** Loads the bundle and settles the as-of date and policy: --policy, then school.json, then national. */
export function loadForCli(args: CommonArgs): CliInputs {
  const { register, report } = readRegisterBundle(args.dir, { lenient: args.lenient });
  const policyId = args.policy ?? register.school.policy ?? 'national';
  let policy: PolicyProfile;
  try {
    policy = policyProfile(policyId);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}${args.policy ? '' : ' (from school.json)'}`);
  }
  const { calendar } = register;
  if (calendar.dayCount === 0) throw new UsageError(`${args.dir} has no school sessions: the calendar and marks are empty`);
  const lastMarked = lastMarkedSchoolDay(register);
  if (lastMarked < 0) throw new UsageError(`${args.dir} has no marks other than # to evaluate`);
  const asOf = args.asOf ?? calendar.dayDate[lastMarked];
  if (lastSchoolDayOnOrBefore(calendar, asOf) < 0) {
    throw new UsageError(`--as-of ${asOf} is before the register's first school day (${calendar.dayDate[0]})`);
  }
  const notes: string[] = [];
  if (lastSchoolDayOnOrBefore(calendar, asOf) > lastMarked) {
    notes.push(`--as-of ${asOf} is after the last marked school day (${calendar.dayDate[lastMarked]}): sessions after it have no marks and count as neither attendance nor absence.`);
  }
  return { register, report, policy, asOf, asOfDefaulted: args.asOf === undefined, notes };
}
