import { choicesCard } from '../../cards/queries/choicesCard.ts';
import { weeklyAttendanceChart } from '../../cards/charts/weeklyAttendanceChart.ts';
import { pupilCard } from '../../cards/queries/pupilCard.ts';
import {
  formatLongDate,
  formatPercent,
  isInPlaceOn,
  laName,
  type Pupil,
  pupilMeasures,
  pupilName,
  residenceOf,
  type School,
  weeklyAttendance,
} from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { type SchoolData, schoolLabel } from '../schools/schoolData.ts';
import { recentMarks } from './recentMarks.ts';
import { privacyLabel, yearLabel } from './describeView.ts';
import { findPupils } from './findPupils.ts';
import { hiddenInView, viewFinding } from './findingView.ts';
import { RULE_TITLES } from './listedRules.ts';
import { type QueryServices } from './queryServices.ts';
import { encodeQueryToken, type QueryToken } from './queryToken.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';
import { type ScopedSchool } from './schoolScope.ts';

/** More matches than this and a list of choices stops helping: ask for more of the name instead. */
const MAX_CHOICES = 10;
const WEEKS_OF_MARKS = 6;

export interface PupilRequest {
  token: QueryToken;
  schools: ScopedSchool[];
  conversation: ConversationInfo;
  user: UserInfo;
  /** The answer goes to the asker alone (a card refresh): label the view as theirs. */
  forViewerOnly?: boolean;
}

/** Which answer about one pupil: their card, or why they are on the lists (their findings with evidence). */
export type PupilAnswer = (
  services: QueryServices,
  request: PupilRequest,
  scoped: ScopedSchool,
  p: number,
) => Promise<BotMessage>;

/**
 * A question naming a UPN: that pupil, if they are at a school the asker may see in this conversation.
 * Otherwise the reply says only that no such pupil is here, never whether the UPN exists elsewhere.
 */
export async function answerPupilByUpn(
  services: QueryServices,
  request: PupilRequest,
  upn: string,
  show: PupilAnswer = answerPupil,
): Promise<BotMessage> {
  for (const scoped of request.schools) {
    const p = scoped.school.register.pupils.findIndex((pupil) => pupil.upn === upn);
    if (p >= 0) return show(services, request, scoped, p);
  }
  const where = request.schools.length === 1 ? request.schools[0].school.name : 'the schools you can see';
  return { text: `I can't find a pupil with UPN ${upn} at ${where}. Check the number against the register.` };
}

/**
 * "How is Amy Smith doing?": the pupil's card, or a card of choices when the name fits several pupils. A
 * full name that is some pupil's exactly is that pupil, even when a sibling shares the family name.
 */
export async function answerPupilByName(
  services: QueryServices,
  request: PupilRequest,
  typedName: string,
  show: PupilAnswer = answerPupil,
): Promise<BotMessage> {
  const matches = request.schools.flatMap((scoped) =>
    findPupils(scoped.school.register.pupils, typedName).map((p) => ({ scoped, p })),
  );
  if (matches.length === 0) {
    const where = request.schools.length === 1 ? request.schools[0].school.name : 'the schools you can see';
    return { text: `I can't find a pupil called "${typedName}" at ${where}. Try the name as it is on the register.` };
  }
  if (matches.length === 1) return show(services, request, matches[0].scoped, matches[0].p);
  if (matches.length > MAX_CHOICES)
    return { text: `${matches.length} pupils match "${typedName}": give more of the name (given and family name).` };
  const choices = matches.map(({ scoped, p }) => {
    const pupil = scoped.school.register.pupils[p];
    const group = pupil.regGroup ? `, ${pupil.regGroup}` : '';
    const school = request.schools.length > 1 ? ` · ${scoped.school.name}` : '';
    return {
      title: `${pupilName(pupil)}, ${yearLabel(pupil.yearGroup)}${group}${school}`,
      value: `${scoped.school.urn}|${pupil.upn}`,
    };
  });
  return choicesCard({
    title: 'Which pupil did you mean?',
    intro: `${matches.length} pupils match "${typedName}".`,
    choices,
    firstValue: choices[0].value,
    queryToken: encodeQueryToken(request.token),
  });
}

/** The pupil card for pupil index `p`, at the scoped school's privacy level; every view is audited. */
export async function answerPupil(
  services: QueryServices,
  request: PupilRequest,
  scoped: ScopedSchool,
  p: number,
): Promise<BotMessage> {
  const { school, access } = scoped;
  const pupil = school.register.pupils[p];
  const asOf = request.token.asOf ?? school.asOf;
  const { context, findings } = services.cache.evaluation(school, asOf, request.token.from);
  const m = pupilMeasures(context, p);
  const mine = findings.filter((f) => f.upn === pupil.upn);
  // A finding that names a social worker or an EHC plan is left out of a limited view, and the card says
  // extra safeguarding steps apply.
  const own = mine.filter((f) => !hiddenInView(f, access.privacy));
  const hidden = own.length < mine.length;
  const views = own.map((f) => ({ finding: f, view: viewFinding(f, school.policy, access.privacy) }));
  const full = access.privacy === 'full';
  const marks = recentMarksFor(school, p, context.asOfDay);
  const weeks = weeklyAttendance(context, p);
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(request.user),
    what: 'view.pupil',
    schoolUrn: school.urn,
    upn: pupil.upn,
    detail: { privacy: access.privacy, conversation: request.conversation.id, findings: own.length },
  });
  services.log('pupil.view', {
    school: school.urn,
    conversation: request.conversation.id,
    privacy: access.privacy,
    findings: own.length,
  });
  const message = pupilCard({
    name: pupilName(pupil),
    subtitle: [yearLabel(pupil.yearGroup), pupil.regGroup, `UPN ${pupil.upn}`].filter(Boolean).join(' · '),
    school: schoolLabel(school),
    asOfLabel: request.token.label ?? formatLongDate(asOf),
    policyName: school.policy.name,
    privacyLabel: privacyLabel(access.privacy, request.conversation, request.forViewerOnly),
    periodLabel: `${formatLongDate(m.from)} to ${formatLongDate(m.to)}`,
    measures: [
      {
        label: 'Attendance',
        value: `${formatPercent(m.attendancePercent)} (${m.attended} of ${m.possible} possible sessions)`,
      },
      {
        label: 'Absence',
        value: `${formatPercent(m.absencePercent)} (${m.absence} sessions: ${m.authorised} authorised, ${m.unauthorised} unauthorised)`,
      },
      { label: 'Broken weeks', value: `${m.brokenWeeks.broken} of ${m.brokenWeeks.weeks} school weeks` },
      ...homeLaMeasure(pupil, school.register.school),
    ],
    context: full ? contextFacts(school, p) : [],
    hasContext: full,
    findingsTitle: own.length === 0 ? 'No findings: nothing needs action on this date' : `Findings (${own.length})`,
    findings: views.map(({ finding, view }) => ({
      title: RULE_TITLES[finding.rule],
      reason: view.reason,
      nextStep: view.nextStep,
      citation: view.citation,
    })),
    limitedNote: full
      ? ''
      : hidden || views.some((v) => v.view.safeguarding)
        ? 'Extra safeguarding steps apply: ask for this card in a personal chat with the bot or in the safeguarding channel.'
        : 'Context (SEN, free school meals, social care) is not shown in this conversation.',
    // A line needs two points to say anything.
    hasChart: weeks.filter((w) => w.weekPercent !== null).length >= 2,
    chart: weeklyAttendanceChart(weeks, pupilName(pupil)),
    weekCount: marks.weeks.length,
    weeks: marks.weeks,
    marksKey: marks.key,
    partTimeButtons: full ? partTimeButtons(school, pupil.upn, asOf) : [],
  });
  return refreshForAuthorisedViewers(
    services,
    message,
    { ...request, schools: [scoped] },
    { query: encodeQueryToken(request.token), pupil: `${school.urn}|${pupil.upn}` },
  );
}

function recentMarksFor(school: SchoolData, p: number, asOfDay: number) {
  return recentMarks(school.register, p, asOfDay, WEEKS_OF_MARKS);
}

function contextFacts(school: SchoolData, p: number) {
  const pupil = school.register.pupils[p];
  const said = (v: boolean | undefined) => (v === undefined ? 'not recorded' : v ? 'yes' : 'no');
  return [
    {
      label: 'SEN',
      value:
        pupil.sen === undefined
          ? 'not recorded'
          : pupil.sen === 'none'
            ? 'none'
            : pupil.sen === 'ehcp'
              ? 'EHC plan'
              : 'SEN support',
    },
    { label: 'Free school meals', value: said(pupil.fsm) },
    { label: 'Social worker', value: said(pupil.socialWorker) },
    { label: 'Looked after', value: said(pupil.lookedAfter) },
    { label: 'Young carer', value: said(pupil.youngCarer) },
    { label: 'Date of birth', value: formatLongDate(pupil.dateOfBirth) },
  ];
}

/** The pupil's home local authority, when it is not the school's: some duties then fall to it. */
function homeLaMeasure(pupil: Pupil, school: School): { label: string; value: string }[] {
  const residence = residenceOf(pupil, school);
  if (residence.kind !== 'cross-border') return [];
  return [
    {
      label: 'Home local authority',
      value: `${laName(residence.homeLa)} (cross-border: the school is in ${laName(residence.schoolLa, school.localAuthority)})`,
    },
  ];
}

/**
 * The decisions feature's part-time timetable buttons for a pupil card in the full view: record one, and
 * open each in place on the card's date (where a review held or its end is recorded). The walk-through
 * and the timetable hold medical and family detail, so a limited view offers neither.
 */
function partTimeButtons(school: SchoolData, upn: string, asOf: string) {
  const inPlace = (school.register.partTimeTimetables ?? []).filter((t) => t.upn === upn && isInPlaceOn(t, asOf));
  return [
    ...inPlace.map((t) => ({
      title: `Part-time timetable from ${formatLongDate(t.start)}`,
      verb: 'decisions.partTimeShow',
      kind: '',
      schoolUrn: school.urn,
      upn,
      start: t.start,
    })),
    {
      title: 'Record a part-time timetable',
      verb: 'decisions.start',
      kind: 'part-time',
      schoolUrn: school.urn,
      upn,
      start: '',
    },
  ];
}
