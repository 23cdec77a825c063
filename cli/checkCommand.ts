import { ALL_RULE_IDS, completeFindings, type FindingRule, registerFindings } from '../rules/index.ts';
import { UsageError, type CommonArgs } from './cliArgs.ts';
import { formatFindingsText } from './formatText.ts';
import { loadForCli } from './loadForCli.ts';

/** `attendance check <dir> --as-of D [--policy ID] [--json]`: every finding for every pupil. */
export function checkCommand(args: CommonArgs): { stdout: string; stderr: string } {
  const unknown = args.rules.filter((r) => !(ALL_RULE_IDS as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new UsageError(`unknown rule ${unknown.join(', ')}; the rules are: ${ALL_RULE_IDS.join(', ')}`);
  const { register, report, policy, asOf, asOfDefaulted, notes: asOfNotes, preRegimeNote } = loadForCli(args);
  let findings = completeFindings(
    register,
    registerFindings(register, { asOf, policy, measureMethod: args.method }).findings(),
    { asOf, policy },
  );
  if (args.rules.length > 0) findings = findings.filter((f) => args.rules.includes(f.rule as FindingRule));
  const notes = [...asOfNotes, ...report.notes];
  if (asOfDefaulted) notes.unshift(`No --as-of given: using the register's last school day, ${asOf}.`);
  if (report.rowsRejected > 0)
    notes.push(`${report.rowsRejected} row${report.rowsRejected === 1 ? '' : 's'} rejected (--lenient): see rejects.`);
  const byRule = Object.fromEntries(
    ALL_RULE_IDS.map((r) => [r, findings.filter((f) => f.rule === r).length]).filter(([, n]) => n !== 0),
  );
  if (args.json) {
    const body = {
      asOf,
      policy: policy.id,
      policyVersion: policy.version,
      school: register.school,
      method: args.method,
      pupils: register.pupils.length,
      calendar: {
        source: register.calendar.source,
        schoolDays: register.calendar.dayCount,
        notes: register.calendar.notes,
      },
      counts: byRule,
      findings: findings.map(({ upn, rule, reason, evidence, nextStep, citation, pupilName, yearGroup, episode }) => ({
        upn,
        rule,
        reason,
        evidence,
        nextStep,
        citation,
        pupilName,
        yearGroup,
        episode,
      })),
      notes,
      codeRegime: preRegimeNote ? { pre2024: true, note: preRegimeNote } : { pre2024: false },
      rejects: report.rejects,
    };
    return { stdout: `${JSON.stringify(body)}\n`, stderr: '' };
  }
  const header = `${register.school.name}${register.school.urn ? ` (URN ${register.school.urn})` : ''}: ${register.pupils.length} pupils, as of ${asOf}, policy ${policy.name} [${policy.id}]\n`;
  // Notes go with the table, not to stderr: a reader of the table must see, say, that some sessions were
  // read with the pre-2024 codes.
  const noteLines = notes.map((n) => `Note: ${n}\n`).join('');
  return { stdout: `${header}${noteLines}\n${formatFindingsText(findings)}`, stderr: '' };
}
