import { cohortTrendChart, type CohortTrendView } from '../../cards/charts/cohortTrendChart.ts';
import { type AgendaCardView, type AgendaSection, type CohortRow } from '../../cards/meetings/agendaCard.ts';
import {
  type AbsenceLevel,
  ACTION_PARTY_LABELS,
  addDays,
  type AgendaPartTime,
  buildMeetingAgenda,
  createEvaluationContext,
  formatPercent,
  formatShortDate,
  type MeetingAgenda,
  type PupilCase,
  weeklyAttendance,
} from '../../rules/index.ts';
import { yearLabel } from '../queries/describeView.ts';
import { citationText } from '../decisions/citationText.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type MeetingRecord } from './meetingStore.ts';
import { todayOf, type MeetingsServices } from './meetingsServices.ts';

/** Without a previous meeting, movement is measured over the last six weeks (about half a term). */
const DEFAULT_MOVEMENT_DAYS = 42;
/** Rows per agenda section on the card, which must stay under Teams' 28 KB. */
const ROWS_ON_CARD = 25;
const OFFERS_ON_CARD = 30;

/** Builds the agenda for a school from the register, its cases and the last meeting's minutes. */
export function prepareAgenda(
  services: MeetingsServices,
  school: SchoolData,
  cases: readonly PupilCase[],
  last: MeetingRecord | null,
): MeetingAgenda {
  const { context: now, findings } = services.cache.evaluation(school, school.asOf);
  let from = last?.agenda.asOf ?? addDays(school.asOf, -DEFAULT_MOVEMENT_DAYS);
  if (from <= now.period.from) from = addDays(now.period.from, 1);
  const before = createEvaluationContext(school.register, { asOf: addDays(from, -1), policy: school.policy });
  const since = createEvaluationContext(school.register, {
    asOf: school.asOf,
    policy: school.policy,
    periodStart: from,
  });
  const laSchools = school.localAuthority
    ? services.schools.filter((s) => s.localAuthority === school.localAuthority)
    : null;
  return buildMeetingAgenda({
    schoolName: school.name,
    now,
    findings,
    movement: { from, before, since },
    localAuthority: laSchools ? laSchools.map((s) => services.cache.evaluation(s, s.asOf).context) : null,
    national: services.national,
    cases,
    today: todayOf(services, school),
    lastMeeting: last
      ? {
          id: last.id,
          heldOn: last.heldOn ?? last.agenda.asOf,
          pupils: last.agenda.pupils.map((p) => ({ upn: p.upn, level: p.level })),
        }
      : undefined,
  });
}

const LEVEL_LABEL: Record<AbsenceLevel, string> = { severe: 'Severe', persistent: 'Persistent', 'at-risk': 'At risk' };

function section(
  heading: string,
  empty: string,
  lines: AgendaSection['lines'],
  shown = ROWS_ON_CARD,
  moreHint = '',
): AgendaSection {
  const more = lines.length > shown ? `and ${lines.length - shown} more${moreHint}` : '';
  return { heading, empty, lines: lines.slice(0, shown), more };
}

/** Below this many pupils a cohort's rates could point to a child (one looked-after pupil), so none are shown. */
const SMALLEST_COHORT_SHOWN = 5;

type CohortFigures = { absencePercent: number | null; persistentAbsencePercent: number | null; pupils?: number };

/** One figure for a table cell: short, so four columns fit a phone's card. The note says what "too few" means. */
function figure(f: CohortFigures | null, pick: (f: CohortFigures) => number | null): string {
  if (!f) return 'n/a';
  if (f.pupils === 0) return 'none';
  if (f.pupils !== undefined && f.pupils < SMALLEST_COHORT_SHOWN) return 'too few';
  return formatPercent(pick(f));
}

function cohortRows(agenda: MeetingAgenda, pick: (f: CohortFigures) => number | null): CohortRow[] {
  return agenda.cohorts.map((c) => ({
    cohort: c.cohort,
    school: figure(c.school, pick),
    la: figure(c.localAuthority, pick),
    national: figure(c.national, pick),
  }));
}

/**
 * The agenda's pupils (its cohort) week by week since the movement date, beside the whole school: whether
 * the group the meeting is about is getting better or worse, at a glance.
 */
function agendaTrend(agenda: MeetingAgenda, school: SchoolData): CohortTrendView {
  const since = createEvaluationContext(school.register, {
    asOf: agenda.asOf,
    policy: school.policy,
    periodStart: agenda.movementFrom,
  });
  const upns = new Set(agenda.pupils.map((p) => p.upn));
  const group = school.register.pupils.flatMap((p, i) => (upns.has(p.upn) ? [i] : []));
  const everyone = school.register.pupils.map((_, i) => i);
  return cohortTrendChart(
    `Attendance week by week since ${formatShortDate(agenda.movementFrom)}`,
    { legend: 'Pupils on this agenda', weeks: weeklyAttendance(since, group) },
    weeklyAttendance(since, everyone),
  );
}

/**
 * The agenda as the card shows it, each list cut to keep the card under 28 KB. Pupils are named with their
 * year and figures only: levels of absence are findings, which a limited channel may see; cohort figures
 * are aggregates and name nobody.
 */
export function agendaCardView(meetingId: string, agenda: MeetingAgenda, school: SchoolData): AgendaCardView {
  const cap = ROWS_ON_CARD;
  const last = agenda.lastMeeting;
  const carried = agenda.carriedForward.map((a) => {
    const late = !a.done && a.due < agenda.today;
    return {
      text: `${a.pupilName}: ${a.what} (${ACTION_PARTY_LABELS[a.party]}, ${a.owner}), due ${formatShortDate(a.due)}: ${a.done ? 'done' : late ? 'OVERDUE' : 'open'}`,
      color: a.done ? 'Good' : late ? 'Attention' : 'Default',
    } as const;
  });
  const pupils = agenda.pupils.map((p) => ({
    text: `${p.isNew ? 'NEW · ' : ''}${LEVEL_LABEL[p.level]} · ${formatPercent(p.absencePercent)} absence · ${p.pupilName} (${yearLabel(p.yearGroup)})${p.hasCase ? ' · case open' : ''}`,
    color: p.level === 'severe' ? 'Attention' : 'Default',
  })) satisfies AgendaSection['lines'];
  const due = agenda.casesDue.map((c) => {
    const parts = c.actionsDue.map((a) => `${a.what} (${a.owner}) due ${formatShortDate(a.due)}`);
    if (c.reviewDue) parts.push(`review due ${formatShortDate(c.reviewDue)}`);
    return {
      text: `${c.pupilName} (${yearLabel(c.yearGroup)}), ${c.stage}: ${parts.join('; ')}`,
      color: 'Attention',
    } as const;
  });
  const movers = agenda.movers.map(
    (m) =>
      ({
        text: `${m.pupilName} (${yearLabel(m.yearGroup)}): ${formatPercent(m.before)} before, ${formatPercent(m.since)} since (${m.change > 0 ? '+' : ''}${m.change.toFixed(1)} points)`,
        color: m.change < 0 ? 'Attention' : 'Good',
      }) as const,
  );
  const targets = agenda.targets.map(
    (t) =>
      ({
        text: `${t.measure}: ${formatPercent(t.actual)} against ${t.target}% (${school.policy.targets?.year ?? 'target'}): ${t.met === null ? 'no pupils' : t.met ? 'met' : 'not met'}`,
        color: t.met === false ? 'Attention' : 'Default',
      }) as const,
  );
  const partTime = agenda.partTime.map(
    (p) =>
      ({
        text: partTimeLine(p, agenda),
        color: 'Attention',
      }) as const,
  );
  const sections = [
    section(
      last ? `Agreed at the last meeting (${formatShortDate(last.heldOn)})` : 'Agreed at the last meeting',
      last ? 'Nothing was agreed at the last meeting.' : 'No earlier meeting is recorded for this school.',
      carried,
      cap,
    ),
    section(
      'Severe, persistent and at-risk absence (new since the last meeting first)',
      'No pupil is severely, persistently or at risk of persistent absence.',
      pupils,
      cap,
      ': ask "who is persistently absent?" or "who is at risk?" for the full lists',
    ),
    section('Cases with actions or reviews due', 'No case has an action or review due.', due, cap),
    section(
      `Biggest changes in attendance since ${formatShortDate(agenda.movementFrom)}`,
      'No pupil’s attendance moved by 2 points or more.',
      movers,
      cap,
    ),
    section(
      `Targets${school.policy.targets ? ` (${school.policy.name})` : ''}`,
      `${school.policy.name} sets no targets.`,
      targets,
      cap,
    ),
    partTimeSection(agenda, partTime, cap, citationText(school.policy.partTimeTimetables.reviewCitation)),
  ];
  const national = agenda.cohorts.some((c) => c.national)
    ? 'National: DfE published figures for the group where there are any.'
    : '';
  return {
    meetingId,
    title: `Termly targeting support meeting: ${school.name}`,
    subtitle: `Agenda from the register to ${formatShortDate(agenda.asOf)} (${school.policy.name})${last ? `, following the meeting of ${formatShortDate(last.heldOn)}` : ''}.`,
    sections,
    laHeading: school.localAuthority ?? 'the local authority',
    absenceRows: cohortRows(agenda, (f) => f.absencePercent),
    persistentRows: cohortRows(agenda, (f) => f.persistentAbsencePercent),
    cohortNote: [
      school.localAuthority
        ? `LA: the ${school.localAuthority} schools this bot has loaded, not the whole authority.`
        : 'LA: the schools this bot has loaded.',
      `"too few": fewer than ${SMALLEST_COHORT_SHOWN} pupils, so no rate is shown; n/a: no figure published.`,
      national,
    ]
      .filter(Boolean)
      .join(' '),
    trend: agendaTrend(agenda, school),
    offers: agenda.pupils
      .filter((p) => !p.hasCase && p.level !== 'at-risk')
      .slice(0, OFFERS_ON_CARD)
      .map((p) => ({
        title: `${p.pupilName} (${yearLabel(p.yearGroup)}), ${LEVEL_LABEL[p.level].toLowerCase()}`,
        value: p.upn,
      })),
  };
}

/** One pupil's line in the part-time section: what the timetable or the C2 marks need. */
function partTimeLine(p: AgendaPartTime, agenda: MeetingAgenda): string {
  const who = `${p.pupilName} (${yearLabel(p.yearGroup)})`;
  const marks = p.c2Sessions
    ? `${p.c2Sessions} C2 sessions since ${formatShortDate(agenda.movementFrom)}, last ${formatShortDate(p.lastC2)}`
    : 'no C2 sessions since ' + formatShortDate(agenda.movementFrom);
  const review = p.reviewDate ? `review was due ${formatShortDate(p.reviewDate)}` : 'no review date recorded';
  if (agenda.partTimeInPlace === null) return `${who}: ${marks}; ${review}`;
  if (!p.timetable) return `${who}: ${marks}, with no agreed part-time timetable recorded`;
  const end = p.timetable.pastEnd
    ? `was due to end ${formatShortDate(p.timetable.endInForce)}`
    : `ends ${formatShortDate(p.timetable.endInForce)}`;
  return `${who}: on a part-time timetable since ${formatShortDate(p.timetable.start)}, ${end}; ${review}; ${marks}`;
}

/** The part-time section: the count in place when the school records timetables, and the source it rests on. */
function partTimeSection(
  agenda: MeetingAgenda,
  lines: AgendaSection['lines'],
  cap: number,
  source: string,
): AgendaSection {
  const recorded = agenda.partTimeInPlace !== null;
  const shown = section(
    recorded
      ? `Part-time timetables: ${agenda.partTimeInPlace} in place; these need attention`
      : 'Part-time timetables (C2) due a review',
    recorded
      ? 'Every timetable in place is within its review and end dates, and every C2 mark has one behind it.'
      : 'No part-time timetable is past its review date.',
    lines,
    cap,
  );
  return lines.length ? { ...shown, lines: [...shown.lines, { text: `Source: ${source}`, color: 'Default' }] } : shown;
}
