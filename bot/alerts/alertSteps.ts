import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';
import { type Finding, formatShortDate, type PolicyProfile } from '../../rules/index.ts';
import { citationText, viewFinding } from '../queries/findingView.ts';
import { type AlertStep, type RowAction } from '../../cards/alerts/alertCardModel.ts';

const TITLES: Record<string, string> = {
  'unexplained-absence': 'Day 1: no reason yet (N)',
  'unexplained-3-days': 'Still unexplained: home visit due',
  'n-code-overdue': 'N left too long: correct the register now',
  'sickness-return': 'Sickness return due to the LA',
  'continuous-unauthorised-10-days': '10 school days of continuous unauthorised absence',
  'deletion-ground-20-days': '20 school days: deletion ground may apply',
  'penalty-threshold': 'Penalty threshold reached',
  'part-time-review-overdue': 'Part-time timetable: review overdue',
  'part-time-past-end-date': 'Part-time timetable: past its end date',
};

/** Buttons each rule's row offers, in the order they appear. */
const ACTIONS: Record<string, RowAction[]> = {
  'unexplained-absence': ['reason-received', 'parents-called', 'escalate'],
  'unexplained-3-days': ['reason-received', 'home-visit-done', 'escalate'],
  'n-code-overdue': ['reason-received', 'escalate'],
  'sickness-return': ['la-notified', 'escalate'],
  'continuous-unauthorised-10-days': ['parents-called', 'home-visit-done', 'la-notified', 'escalate'],
  'deletion-ground-20-days': ['home-visit-done', 'la-notified', 'escalate'],
  'penalty-threshold': ['parents-called', 'la-notified', 'escalate'],
  'part-time-review-overdue': ['review-arranged', 'escalate'],
  'part-time-past-end-date': ['review-arranged', 'escalate'],
};

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const date = (v: unknown): string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatShortDate(v) : str(v);
const codes = (byCode: unknown): string =>
  byCode && typeof byCode === 'object'
    ? Object.entries(byCode as Record<string, number>)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')
    : '';

/** The figures behind a finding, as the card's fact list. Only the rule's own figures: never context flags. */
export function evidenceFacts(finding: Finding): { title: string; value: string }[] {
  const e = finding.evidence;
  const facts: [string, string][] = [];
  switch (finding.rule) {
    case 'unexplained-absence':
      facts.push(
        ['Date', date(e.date)],
        [
          'Sessions',
          Array.isArray(e.sessions) ? (e.sessions as { session: string }[]).map((s) => s.session).join(' and ') : '',
        ],
      );
      break;
    case 'unexplained-3-days':
      facts.push(['School days unexplained', str(e.consecutiveSchoolDays)], ['From', date(e.from)], ['To', date(e.to)]);
      break;
    case 'n-code-overdue': {
      const sessions = (e.sessions as { date: string; session: string; daysSince: number }[]) ?? [];
      facts.push(
        ['Sessions still N', String(sessions.length)],
        [
          'Oldest',
          sessions[0]
            ? `${date(sessions[0].date)} ${sessions[0].session} (${sessions[0].daysSince} ${str(e.unit)} ago)`
            : '',
        ],
        ['Limit', `${str(e.limit)} ${str(e.unit)}`],
      );
      break;
    }
    case 'sickness-return':
      facts.push(
        ['Illness days this year', str(e.illnessDays)],
        ['Threshold', str(e.threshold)],
        ['Reached on', date(e.reachedOn)],
        ['Longest spell', `${str(e.longestEpisodeDays)} days`],
        ['Counted', str(e.countedAs)],
      );
      break;
    case 'continuous-unauthorised-10-days':
      facts.push(
        ['Consecutive school days', str(e.schoolDays)],
        ['Since', date(e.from)],
        ...(e.ongoing === false ? ([['Ended', date(e.to)]] as [string, string][]) : []),
        ['Codes', codes(e.byCode)],
      );
      break;
    case 'deletion-ground-20-days':
      facts.push(['Consecutive school days', str(e.schoolDays)], ['Since', date(e.from)], ['Codes', codes(e.byCode)]);
      break;
    case 'penalty-threshold': {
      const w = e.window as { from?: string; to?: string; schoolWeeks?: number } | undefined;
      facts.push(
        ['Unauthorised sessions', `${str(e.count)} (threshold ${str(e.threshold)})`],
        ['By code', codes(e.byCode)],
        ['Window', w ? `${date(w.from)} to ${date(w.to)} (${str(w.schoolWeeks)} school weeks)` : ''],
      );
      break;
    }
    case 'part-time-review-overdue':
    case 'part-time-past-end-date':
      facts.push(
        ['On the timetable since', date(e.start)],
        ['Ends', date(e.endInForce)],
        ['Review was due', e.nextReview ? date(e.nextReview) : 'No review date set'],
        ['Plan', str(e.plan)],
      );
      break;
    default:
      break;
  }
  return facts.filter(([, v]) => v !== '').map(([title, value]) => ({ title, value }));
}

/**
 * The steps a finding puts on a row at this privacy level. A pupil with a social worker gets a separate
 * step: in full view "tell the social worker" with its citation; in limited view only that extra
 * safeguarding steps apply and who holds the detail, so the channel does not learn the flag.
 */
export function alertStepsFor(finding: Finding, policy: PolicyProfile, privacy: PrivacyLevel): AlertStep[] {
  // The limited view's wording of the main step is right for both levels: the social-worker part becomes its own step.
  const view = viewFinding(finding, policy, 'limited');
  const main: AlertStep = {
    rule: finding.rule,
    title: TITLES[finding.rule] ?? finding.rule,
    reason: view.reason,
    evidence: evidenceFacts(finding),
    nextStep: view.nextStep,
    citation: view.citation,
  };
  if (finding.evidence.socialWorker !== true) return [main];
  const rule = policy.unexplainedAbsence;
  const extra: AlertStep =
    privacy === 'full'
      ? {
          rule: finding.rule,
          title: `Tell ${policy.notify.unexplainedWithSocialWorker}`,
          reason: 'The pupil has a social worker.',
          evidence: [],
          nextStep: rule.socialWorkerStep,
          citation: citationText(rule.socialWorkerCitation),
        }
      : {
          rule: finding.rule,
          title: 'Extra safeguarding steps apply',
          reason: 'This pupil needs an extra safeguarding step today.',
          evidence: [],
          nextStep:
            'The designated safeguarding lead has the detail: ask them, or see the pupil in a personal chat with the bot if your role allows it',
          citation: '',
        };
  return [main, extra];
}

/** Buttons for a row holding these findings: each rule's, once, plus the social-worker one where it applies. */
export function rowActionsFor(findings: readonly Finding[]): RowAction[] {
  const wanted = new Set<RowAction>();
  for (const f of findings) {
    for (const a of ACTIONS[f.rule] ?? ['escalate']) wanted.add(a);
    if (f.evidence.socialWorker === true) wanted.add('social-worker-told');
  }
  const order: RowAction[] = [
    'reason-received',
    'parents-called',
    'home-visit-done',
    'social-worker-told',
    'la-notified',
    'review-arranged',
    'escalate',
  ];
  return order.filter((a) => wanted.has(a));
}
