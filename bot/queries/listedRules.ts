import { type Finding, type FindingRule, formatShortDate, type RuleId } from '../../rules/index.ts';
import { type QuestionKind } from '../questions/question.ts';
import { plural } from './describeView.ts';

/** How a list question is answered: which rule's findings, and how to say the figure that matters. */
export interface ListedRule {
  rule: RuleId;
  title: string;
  /** "3 pupils have ..." */
  countText(count: number): string;
  emptyText: string;
  figure(finding: Finding): string;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const pupils = (n: number) => (n === 1 ? '1 pupil has' : `${n} pupils have`);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function absenceFigure(f: Finding): string {
  const e = f.evidence;
  return `${num(e.absencePercent).toFixed(1)}% absence (${plural(num(e.absenceSessions), 'session')} of ${num(e.possibleSessions)})`;
}

function runFigure(f: Finding): string {
  const run = `${plural(num(f.evidence.schoolDays), 'consecutive school day')} of unauthorised absence`;
  // A run that ended earlier this month stays on the list (the month's attendance return owes it).
  return f.evidence.ongoing === false && typeof f.evidence.to === 'string'
    ? `${run}, ended ${formatShortDate(f.evidence.to)}`
    : run;
}

/** The list questions, by the kind the parser gives. Summaries and help are answered elsewhere. */
export const LISTED_RULES: Partial<Record<QuestionKind, ListedRule>> = {
  'penalty-threshold': {
    rule: 'penalty-threshold',
    title: 'Penalty threshold reached',
    countText: (n) => `${pupils(n)} reached the threshold for considering a penalty notice.`,
    emptyText: 'No pupil has reached the threshold for considering a penalty notice.',
    figure: (f) =>
      `${plural(num(f.evidence.count), 'unauthorised session')} in ${plural(num((f.evidence.window as { schoolWeeks?: number })?.schoolWeeks), 'school week')}`,
  },
  'persistent-absence': {
    rule: 'persistent-absence',
    title: 'Persistently absent',
    countText: (n) =>
      `${n === 1 ? '1 pupil is' : `${n} pupils are`} persistently absent (10% or more of possible sessions).`,
    emptyText: 'No pupil is persistently absent.',
    figure: absenceFigure,
  },
  'severe-absence': {
    rule: 'severe-absence',
    title: 'Severely absent',
    countText: (n) =>
      `${n === 1 ? '1 pupil is' : `${n} pupils are`} severely absent (50% or more of possible sessions).`,
    emptyText: 'No pupil is severely absent.',
    figure: absenceFigure,
  },
  'at-risk': {
    rule: 'at-risk-of-persistent-absence',
    title: 'At risk of persistent absence',
    countText: (n) => `${n === 1 ? '1 pupil is' : `${n} pupils are`} in the at-risk band below persistent absence.`,
    emptyText: 'No pupil is in the at-risk band.',
    figure: absenceFigure,
  },
  'sickness-returns': {
    rule: 'sickness-return',
    title: 'Sickness returns due',
    countText: (n) => `${pupils(n)} been ill long enough that the local authority must be told.`,
    emptyText: 'No sickness return is due.',
    figure: (f) =>
      `${plural(num(f.evidence.illnessDays), 'school day')} of illness${f.evidence.consecutive ? ' (consecutive)' : ' (cumulative)'}`,
  },
  'unexplained-today': {
    rule: 'unexplained-absence',
    title: 'Unexplained absence today',
    countText: (n) => `${pupils(n)} an N (no reason yet) on the day.`,
    emptyText: 'No pupil has an unexplained absence on the day.',
    figure: (f) => `N ${arr(f.evidence.sessions).length === 2 ? 'morning and afternoon' : 'for one session'}`,
  },
  'unexplained-3-days': {
    rule: 'unexplained-3-days',
    title: 'Unexplained for 3 days or more',
    countText: (n) => `${pupils(n)} been absent with no reason for several school days running.`,
    emptyText: 'No pupil has been absent with no reason for 3 school days running.',
    figure: (f) => `${plural(num(f.evidence.consecutiveSchoolDays), 'school day')} with no reason`,
  },
  'n-overdue': {
    rule: 'n-code-overdue',
    title: 'N codes overdue',
    countText: (n) => `${pupils(n)} N marks left longer than the register allows.`,
    emptyText: 'No N mark is overdue.',
    figure: (f) =>
      `${plural(arr(f.evidence.sessions).length, 'N mark')} older than ${num(f.evidence.limit)} ${String(f.evidence.unit ?? 'school days').replace('-', ' ')}`,
  },
  'continuous-absence': {
    rule: 'continuous-unauthorised-10-days',
    title: 'Continuous unauthorised absence',
    countText: (n) =>
      `${pupils(n)} been absent without authorisation for 10 school days or more in a row (still absent, or back this month).`,
    emptyText: 'No pupil has 10 consecutive school days of unauthorised absence.',
    figure: runFigure,
  },
  'deletion-ground': {
    rule: 'deletion-ground-20-days',
    title: 'Deletion ground (20 school days)',
    countText: (n) =>
      `${pupils(n)} 20 school days or more of continuous unauthorised absence: reasonable enquiries needed.`,
    emptyText: 'No pupil has 20 consecutive school days of unauthorised absence.',
    figure: runFigure,
  },
  lateness: {
    rule: 'persistent-lateness',
    title: 'Persistent lateness',
    countText: (n) => `${pupils(n)} reached the lateness threshold.`,
    emptyText: 'No pupil has reached the lateness threshold.',
    figure: (f) =>
      `${plural(num(f.evidence.count), 'late session')} in ${plural(num((f.evidence.window as { schoolWeeks?: number })?.schoolWeeks), 'school week')}`,
  },
  'broken-weeks': {
    rule: 'broken-weeks',
    title: 'Broken weeks',
    countText: (n) => `${pupils(n)} absence spread across many weeks.`,
    emptyText: 'No pupil has a concerning share of broken weeks.',
    figure: (f) =>
      `${num(f.evidence.brokenWeeks)} of ${plural(num(f.evidence.schoolWeeks), 'school week')} broken by absence`,
  },
};

/** Titles of every rule, for the pupil card. */
export const RULE_TITLES: Record<FindingRule, string> = {
  'persistent-absence': 'Persistent absence',
  'severe-absence': 'Severe absence',
  'at-risk-of-persistent-absence': 'At risk of persistent absence',
  'penalty-threshold': 'Penalty threshold',
  'sickness-return': 'Sickness return due',
  'unexplained-absence': 'Unexplained absence',
  'unexplained-3-days': 'Unexplained for 3 days or more',
  'n-code-overdue': 'N code overdue',
  'continuous-unauthorised-10-days': 'Continuous unauthorised absence',
  'deletion-ground-20-days': 'Deletion ground (20 days)',
  'persistent-lateness': 'Persistent lateness',
  'broken-weeks': 'Broken weeks',
  'part-time-review-due': 'Part-time timetable review due',
  'part-time-review-overdue': 'Part-time timetable review overdue',
  'part-time-past-end-date': 'Part-time timetable past its end date',
  'part-time-c2-not-agreed': 'C2 without an agreed timetable',
  'part-time-social-worker-not-told': 'Part-time timetable: social worker not told',
  'part-time-ehcp-la-not-told': 'Part-time timetable: local authority not told (EHC plan)',
};
