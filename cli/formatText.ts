import { ALL_RULE_IDS, type Finding, type FindingRule } from '../rules/index.ts';

const RULE_TITLES: Record<FindingRule, string> = {
  'persistent-absence': 'Persistent absence (10%+)',
  'severe-absence': 'Severe absence (50%+)',
  'at-risk-of-persistent-absence': 'At risk of persistent absence',
  'penalty-threshold': 'Penalty notice threshold (10 sessions in 10 school weeks)',
  'sickness-return': 'Sickness return due (15 days)',
  'unexplained-absence': 'Unexplained absence today (N)',
  'unexplained-3-days': 'Unexplained 3 school days running: home visit',
  'n-code-overdue': 'N codes overdue for correction',
  'continuous-unauthorised-10-days': '10 continuous school days unauthorised: attendance return',
  'deletion-ground-20-days': '20 continuous school days: deletion ground may apply',
  'persistent-lateness': 'Persistent lateness',
  'broken-weeks': 'Broken weeks',
  'part-time-review-due': 'Part-time timetable review due',
  'part-time-review-overdue': 'Part-time timetable review overdue',
  'part-time-past-end-date': 'Part-time timetable past its end date',
  'part-time-c2-not-agreed': 'C2 marks without an agreed part-time timetable',
  'part-time-social-worker-not-told': 'Part-time timetable: social worker not told',
  'part-time-ehcp-la-not-told': 'Part-time timetable: local authority not told (EHC plan)',
};

export function ruleTitle(rule: Finding['rule']): string {
  return RULE_TITLES[rule];
}

/** Wraps text to `width` columns with a hanging indent. */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

/** Findings grouped by rule, one block per pupil: name, UPN and year, then why, what next and the source. */
export function formatFindingsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const out: string[] = [];
  for (const rule of ALL_RULE_IDS) {
    const group = findings.filter((f) => f.rule === rule);
    if (group.length === 0) continue;
    out.push(`\n${ruleTitle(rule)} [${rule}]: ${group.length} pupil${group.length === 1 ? '' : 's'}`);
    for (const f of group) {
      out.push(`  ${f.pupilName} (${f.upn}, Year ${f.yearGroup})`);
      out.push(`    Why:  ${wrap(f.reason, 96, '          ')}`);
      out.push(`    Next: ${wrap(f.nextStep, 96, '          ')}`);
      out.push(`    Source: ${wrap(`${f.citation.source}, ${f.citation.where}`, 94, '            ')}`);
    }
  }
  return `${out.join('\n').trimStart()}\n`;
}
