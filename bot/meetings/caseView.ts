import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';
import { formatInstant } from '../../cards/formatInstant.ts';
import { type CaseCardView } from '../../cards/meetings/caseCard.ts';
import {
  ACTION_PARTIES,
  ACTION_PARTY_LABELS,
  caseId,
  createEvaluationContext,
  formatPercent,
  formatShortDate,
  overdueActions,
  type PupilCase,
  pupilIndexOf,
  pupilMeasures,
  type PupilMeasures,
  reviewOverdue,
  SOURCES,
  stageName,
  suggestedNextReview,
} from '../../rules/index.ts';
import { viewFinding } from '../queries/findingView.ts';
import { yearLabel } from '../queries/describeView.ts';
import { RULE_TITLES } from '../queries/listedRules.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';

export interface CaseViewInput {
  school: SchoolData;
  cache: FindingsCache;
  c: PupilCase;
  privacy: PrivacyLevel;
  today: string;
  /** "Termly meeting: case 2 of 3" when the card is put to a meeting. */
  meetingLabel?: string;
}

const HISTORY_SHOWN = 5;
/** Open actions shown on the card, and done ones (most recent): enough for a review, small enough for 28 KB. */
const OPEN_ACTIONS_SHOWN = 20;
const DONE_ACTIONS_SHOWN = 5;
const BARRIERS_SHOWN = 10;

function measureRows(now: PupilMeasures, then: PupilMeasures | null): CaseCardView['measures'] {
  const at = (m: PupilMeasures | null, f: (m: PupilMeasures) => string) => (m ? f(m) : '-');
  return [
    {
      label: 'Attendance',
      now: formatPercent(now.attendancePercent),
      atReview: at(then, (m) => formatPercent(m.attendancePercent)),
    },
    {
      label: 'Absence',
      now: formatPercent(now.absencePercent),
      atReview: at(then, (m) => formatPercent(m.absencePercent)),
    },
    {
      label: 'Unauthorised',
      now: formatPercent(now.unauthorisedPercent),
      atReview: at(then, (m) => formatPercent(m.unauthorisedPercent)),
    },
    {
      label: 'Sessions missed',
      now: `${now.absence} of ${now.possible}`,
      atReview: at(then, (m) => `${m.absence} of ${m.possible}`),
    },
  ];
}

function trendText(now: PupilMeasures, then: PupilMeasures | null, reviewedOn: string | undefined): string {
  if (!then || !reviewedOn || now.attendancePercent === null || then.attendancePercent === null) return '';
  const change = now.attendancePercent - then.attendancePercent;
  if (Math.abs(change) < 0.05) return `Attendance unchanged since the review on ${formatShortDate(reviewedOn)}.`;
  return `Attendance ${change > 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(1)} points since the review on ${formatShortDate(reviewedOn)}.`;
}

/**
 * The case card's content: measures at the school's as-of date beside those at the last review (the same
 * register read as of that day), findings as this conversation may see them, and the case itself. In a
 * limited conversation sensitive barriers are counted, not quoted, and findings lose safeguarding detail.
 */
export function caseCardView(input: CaseViewInput): CaseCardView {
  const { school, c, privacy, today } = input;
  const p = pupilIndexOf(school.register, c.upn);
  const { context, findings } = input.cache.evaluation(school, school.asOf);
  const now = pupilMeasures(context, p);
  const reviewedOn = c.reviewedOn.at(-1);
  // A review after the register's last day reads the register as it stands: the trend is then flat.
  const reviewAsOf = reviewedOn && reviewedOn < school.asOf ? reviewedOn : undefined;
  const then = reviewAsOf
    ? pupilMeasures(createEvaluationContext(school.register, { asOf: reviewAsOf, policy: school.policy }), p)
    : null;
  const pupilFindings = findings.filter((f) => f.upn === c.upn);
  const overdue = overdueActions(c, today);
  const warnings: string[] = [];
  if (overdue.length > 0) warnings.push(`${overdue.length} action${overdue.length === 1 ? '' : 's'} overdue.`);
  if (reviewOverdue(c, today)) warnings.push(`The review due ${formatShortDate(c.nextReview!)} has not been held.`);
  // Working together to improve school attendance expects a joint approach for every severely absent
  // pupil, whatever the local profile; the card cites that guidance, never one authority's policy.
  if (pupilFindings.some((f) => f.rule === 'severe-absence') && !c.jointWithLa)
    warnings.push(`Severely absent: agree a joint approach with the local authority (${SOURCES.wtisa.title}).`);
  const stage = school.policy.stages.find((s) => s.id === c.stageId);
  if (stage?.reviewEveryWeeks && !c.nextReview)
    warnings.push(
      `${stage.name} is reviewed every ${stage.reviewEveryWeeks[0]}-${stage.reviewEveryWeeks[1]} weeks: set the next review.`,
    );
  const sensitive = c.barriers.filter((b) => b.sensitive).length;
  const barriers = c.barriers
    .filter((b) => privacy === 'full' || !b.sensitive)
    .slice(-BARRIERS_SHOWN)
    .map((b) => ({ line: `${b.text} (${b.recordedBy.name}, ${formatShortDate(b.recordedOn)})` }));
  if (privacy === 'limited' && sensitive > 0)
    barriers.push({
      line: `${sensitive} more with restricted detail: see the case in a personal chat or the safeguarding channel.`,
    });
  return {
    caseKey: caseId(c.schoolUrn, c.upn),
    title: `${c.pupilName} (${yearLabel(c.yearGroup)})`,
    schoolName: school.name,
    stageId: c.stageId,
    stageLabel: stageName(school.policy, c.stageId),
    stageNote: stage
      ? `${stage.name}: ${stage.actions.join('; ')}. ${stage.citation.source}, ${stage.citation.where}.`
      : '',
    leadLabel: c.leadPractitioner ?? 'not named',
    leadValue: c.leadPractitioner ?? '',
    jointLabel: c.jointWithLa ? 'agreed' : 'not yet',
    nextReviewLabel: c.nextReview ? formatShortDate(c.nextReview) : 'not set',
    openedLabel: formatShortDate(c.openedOn),
    meetingLabel: input.meetingLabel ?? '',
    warning: warnings.join(' '),
    measuresPeriod: `this school year to ${formatShortDate(school.asOf)}`,
    reviewHeading: reviewedOn ? `At review ${formatShortDate(reviewedOn)}` : 'At review',
    measures: measureRows(now, then),
    trend: trendText(now, then, reviewAsOf),
    findings: pupilFindings.map((f) => ({
      title: RULE_TITLES[f.rule],
      reason: viewFinding(f, school.policy, privacy).reason,
    })),
    barriers,
    actions: [
      ...c.actions.filter((a) => !a.done).slice(0, OPEN_ACTIONS_SHOWN),
      ...c.actions.filter((a) => a.done).slice(-DONE_ACTIONS_SHOWN),
    ].map((a) => {
      const late = !a.done && a.due < today;
      const state = a.done
        ? `done ${formatShortDate(a.done.on)}`
        : late
          ? `OVERDUE, was due ${formatShortDate(a.due)}`
          : `due ${formatShortDate(a.due)}`;
      return {
        id: a.id,
        line: `${a.what} - ${ACTION_PARTY_LABELS[a.party]}, ${a.owner}, ${state}`,
        open: !a.done,
        overdue: late,
      };
    }),
    history: c.history
      .slice(-HISTORY_SHOWN)
      .reverse()
      .map((e) => ({ line: `${formatInstant(e.at)}, ${e.by.name}: ${e.summary}` })),
    stages: school.policy.stages.map((s) => ({ title: s.name, value: s.id })),
    parties: ACTION_PARTIES.map((value) => ({ title: ACTION_PARTY_LABELS[value], value })),
    today,
    suggestedReview: suggestedNextReview(school.policy, c.stageId, today) ?? '',
  };
}
