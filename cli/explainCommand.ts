import {
  completeFindings,
  effectiveEnd,
  formatLongDate,
  formatPercent,
  laName,
  type PartTimeTimetable,
  pupilIndexOf,
  pupilMeasures,
  pupilName,
  registerFindings,
  type Residence,
  residenceOf,
  weeklySessionWords,
} from '../rules/index.ts';
import { UsageError, type CommonArgs } from './cliArgs.ts';
import { ruleTitle, wrap } from './formatText.ts';
import { loadForCli } from './loadForCli.ts';

/** `attendance explain <dir> --upn U --as-of D`: one pupil's measures and every finding with its evidence. */
export function explainCommand(args: CommonArgs): { stdout: string; stderr: string } {
  if (!args.upn) throw new UsageError('explain needs --upn: the pupil to explain');
  const { register, policy, asOf, notes, preRegimeNote } = loadForCli(args);
  const upn = args.upn.trim().toUpperCase();
  const p = pupilIndexOf(register, upn);
  if (p < 0) throw new UsageError(`UPN ${upn} is not in ${args.dir}/pupils.csv`);
  const table = registerFindings(register, { asOf, policy, measureMethod: args.method });
  const measures = pupilMeasures(table.query.ctx, p);
  const findings = completeFindings(register, table.findingsOfPupil(p), { asOf, policy, upn });
  const pupil = register.pupils[p];
  const timetables = (register.partTimeTimetables ?? []).filter((t) => t.upn === upn);
  const residence = residenceOf(pupil, register.school);
  if (args.json) {
    const body = {
      asOf,
      policy: policy.id,
      policyVersion: policy.version,
      method: args.method,
      pupil,
      measures,
      partTimeTimetables: timetables,
      residence,
      findings,
      notes,
      codeRegime: preRegimeNote ? { pre2024: true, note: preRegimeNote } : { pre2024: false },
    };
    return { stdout: `${JSON.stringify(body)}\n`, stderr: '' };
  }
  const m = measures;
  const lines = [
    `${pupilName(pupil)} (${pupil.upn}), Year ${pupil.yearGroup}${pupil.regGroup ? `, ${pupil.regGroup}` : ''}`,
    `As of ${asOf}, policy ${policy.name} [${policy.id}], period ${m.from} to ${m.to}`,
    ...notes.map((n) => `Note: ${n}`),
    '',
    `  Possible sessions     ${m.possible}`,
    `  Attended              ${m.attended} (present ${m.present}, approved activity ${m.approvedActivity})  ${formatPercent(m.attendancePercent)}`,
    `  Authorised absence    ${m.authorised}  ${formatPercent(m.authorisedPercent)}`,
    `  Unauthorised absence  ${m.unauthorised}  ${formatPercent(m.unauthorisedPercent)}`,
    `  Overall absence       ${m.absence}  ${formatPercent(m.absencePercent)}${m.severelyAbsent ? '  severe absence' : m.persistentlyAbsent ? '  persistent absence' : ''}`,
    `  Not possible          ${m.notPossible} (D X Q Y1-Y7), not collected ${m.notCollected} (Z #), no mark ${m.noMark}`,
    `  Codes                 ${
      Object.entries(m.byCode)
        .map(([c, n]) => `${c}:${n}`)
        .join(' ') || 'none'
    }`,
    `  Broken weeks          ${m.brokenWeeks.broken} of ${m.brokenWeeks.weeks}`,
    ...residenceLines(residence, register.school.localAuthority),
    ...timetables.map(timetableLine),
    '',
  ];
  if (findings.length === 0) lines.push('No findings.');
  for (const f of findings) {
    lines.push(`${ruleTitle(f.rule)} [${f.rule}]`);
    lines.push(`  Why:      ${wrap(f.reason, 94, '            ')}`);
    lines.push(`  Next:     ${wrap(f.nextStep, 94, '            ')}`);
    lines.push(`  Source:   ${wrap(`${f.citation.source}, ${f.citation.where}`, 94, '            ')}`);
    lines.push(`  Evidence: ${wrap(JSON.stringify(f.evidence), 94, '            ')}`);
    lines.push('');
  }
  return { stdout: `${lines.join('\n').trimEnd()}\n`, stderr: '' };
}

function residenceLines(residence: Residence, schoolLaName: string | undefined): string[] {
  if (residence.kind !== 'cross-border') return [];
  return [
    `  Home LA               ${laName(residence.homeLa)}: cross-border, school in ${laName(residence.schoolLa, schoolLaName)}`,
  ];
}

function timetableLine(t: PartTimeTimetable): string {
  const state = t.endedOn ? `ended ${formatLongDate(t.endedOn)}` : `to ${formatLongDate(effectiveEnd(t))}`;
  return `  Part-time timetable   from ${formatLongDate(t.start)} ${state}; out ${t.sessionsOff.map(weeklySessionWords).join(', ')}`;
}
