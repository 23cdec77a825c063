import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { renderAlertCard } from '../../cards/alerts/alertCard.ts';
import { type AdaptiveCardJson } from '../../cards/cardTypes.ts';
import { renderAgendaCard } from '../../cards/meetings/agendaCard.ts';
import { renderCaseCard } from '../../cards/meetings/caseCard.ts';
import { renderMinutesCard } from '../../cards/meetings/minutesCard.ts';
import { AccessControl } from '../../bot/access/access.ts';
import { ALERT_KIND_NAMES } from '../../bot/alerts/alertKinds.ts';
import { planAlerts } from '../../bot/alerts/planAlerts.ts';
import { decisionListMessage } from '../../bot/decisions/decisionsModule.ts';
import { leaveWalkthrough } from '../../bot/decisions/leaveWalkthrough.ts';
import { partTimeRecordMessage } from '../../bot/decisions/partTimeRecordView.ts';
import { partTimeDecisionFor, partTimeWalkthrough } from '../../bot/decisions/partTimeWalkthrough.ts';
import { walkCard } from '../../bot/decisions/walkCards.ts';
import { answerStep, cancelWalk, recordDecision, startWalk } from '../../bot/decisions/walkMachine.ts';
import { type WalkContext, type WalkState } from '../../bot/decisions/walkthrough.ts';
import { type ConversationInfo, type UserInfo } from '../../bot/host/featureHost.ts';
import { silentLog } from '../../bot/log.ts';
import { agendaCardView, prepareAgenda } from '../../bot/meetings/agendaView.ts';
import { myActionsMessage } from '../../bot/meetings/caseCommands.ts';
import { CASE_NAMESPACE } from '../../bot/meetings/caseStore.ts';
import { caseCardView } from '../../bot/meetings/caseView.ts';
import { returnsAnswer } from '../../bot/returns/returnsFeature.ts';
import { monthlyReturns } from '../../rules/returns/monthlyReturns.ts';
import { publishedNationalFigures } from '../../bot/meetings/meetingsFeature.ts';
import { type MeetingsServices } from '../../bot/meetings/meetingsServices.ts';
import { type MeetingRecord } from '../../bot/meetings/meetingStore.ts';
import { minutesCardViews } from '../../bot/meetings/minutesView.ts';
import { answerCaseReviews } from '../../bot/queries/answerCaseReviews.ts';
import { answerCohort } from '../../bot/queries/answerCohort.ts';
import { answerList } from '../../bot/queries/answerList.ts';
import { answerPupil, answerPupilByName } from '../../bot/queries/answerPupil.ts';
import { findPupils } from '../../bot/queries/findPupils.ts';
import { helpAnswer } from '../../bot/queries/helpAnswer.ts';
import { LISTED_RULES } from '../../bot/queries/listedRules.ts';
import { type QueryServices } from '../../bot/queries/queryServices.ts';
import { type QueryToken } from '../../bot/queries/queryToken.ts';
import { type ScopedSchool } from '../../bot/queries/schoolScope.ts';
import { FindingsCache } from '../../bot/schools/findingsCache.ts';
import { loadSchools, type SchoolData } from '../../bot/schools/schoolData.ts';
import { applyCaseChange, type CaseChange } from '../../rules/cases/applyCaseChange.ts';
import { buildMeetingMinutes } from '../../rules/cases/meetingMinutes.ts';
import { caseId, openCase, type PupilCase } from '../../rules/cases/pupilCase.ts';
import { addDays } from '../../rules/dates/isoDate.ts';
import { pupilName } from '../../rules/pupils/pupil.ts';
import { answerCrossBorder } from '../../bot/queries/answerCrossBorder.ts';
import { answerPartTime } from '../../bot/queries/answerPartTime.ts';

/**
 * Every card kind the bot draws, each filled the way the bot fills it: from the committed demo local
 * authority (demo/brackenford, three schools under three policies, every finding present on its last day)
 * through the rules and the bot's own view builders. The Chromium layout test, the words test and the
 * validity test all walk this list, so a new card is covered by adding one entry here.
 *
 * An entry's `mustShow` is text a reader must find on the card at any width (a name, a figure): it proves
 * the card drew its content, not only that it drew.
 */
export interface GalleryCard {
  /** The card builder ("pupilCard"), then what this example shows of it. */
  name: string;
  card: AdaptiveCardJson;
  mustShow: string[];
}

const DEMO = fileURLToPath(new URL('../../demo/brackenford', import.meta.url));
const HEAD: UserInfo = { id: '29:head', name: 'Helen Head', aadObjectId: 'aad-head' };
const PERSONAL: ConversationInfo = { id: 'a:personal-head', type: 'personal' };
const CHANNEL: ConversationInfo = { id: '19:attendance@thread.tacv2', type: 'channel' };

/** 09:40 on the demo's last day, London time (GMT in January). */
const NOW = new Date('2026-01-16T09:40:00Z');

interface World {
  schools: SchoolData[];
  cache: FindingsCache;
  store: EmbeddedStateStore;
  query: QueryServices;
  meetings: MeetingsServices;
}

function openWorld(stateDir: string): World {
  const schools = loadSchools(DEMO);
  const cache = new FindingsCache();
  const store = EmbeddedStateStore.open(stateDir);
  const access = new AccessControl(store, 'head');
  const query: QueryServices = {
    schools,
    cache,
    access,
    store,
    log: silentLog,
    parse: () => {
      throw new Error('the gallery asks no questions in words');
    },
  };
  const meetings: MeetingsServices = {
    schools,
    cache,
    store,
    access,
    log: silentLog,
    now: () => NOW,
    national: publishedNationalFigures,
  };
  return { schools, cache, store, query, meetings };
}

function schoolNamed(world: World, name: string): SchoolData {
  const school = world.schools.find((s) => s.name === name);
  if (!school) throw new Error(`the demo has no school called ${name}`);
  return school;
}

function scoped(school: SchoolData, privacy: 'full' | 'limited'): ScopedSchool {
  return {
    school,
    access: { role: 'head', privacy, canQuery: true, canLink: true, canSetPrivacy: true },
  };
}

function token(school: SchoolData, kind: string, filters: QueryToken['filters'] = {}): QueryToken {
  return { v: 1, kind, urn: school.urn, filters };
}

/** The pupil with the most findings at the school on its as-of day: the busiest pupil card there is. */
function busiestPupil(world: World, school: SchoolData): number {
  const { findings } = world.cache.evaluation(school, school.asOf);
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.upn, (counts.get(f.upn) ?? 0) + 1);
  const [upn] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return school.register.pupils.findIndex((p) => p.upn === upn);
}

const lead = { id: 'aad-lead', name: 'Ann Lead' };

/** A case worked for a term: actions (one overdue, one done), barriers, a stage move and a review. */
function workedCase(school: SchoolData, p: number): PupilCase {
  const pupil = school.register.pupils[p];
  let c = openCase({
    schoolUrn: school.urn,
    upn: pupil.upn,
    pupilName: pupilName(pupil),
    yearGroup: pupil.yearGroup,
    because: 'meeting',
    stageId: school.policy.stages?.[0]?.id ?? 'stage-1',
    today: '2025-11-03',
    at: '2025-11-03T15:20:00Z',
    by: lead,
  });
  // Agreed when the case opened, in November; one of them is now overdue.
  const opening: CaseChange[] = [
    {
      kind: 'add-action',
      what: 'Call home each morning of absence',
      party: 'school',
      owner: 'Ann Lead',
      due: '2025-11-07',
    },
    {
      kind: 'add-action',
      what: 'Meet the family to agree an attendance plan with review dates',
      party: 'school',
      owner: 'Ann Lead',
      due: '2026-01-09',
    },
    { kind: 'barrier', text: 'Anxiety about a change of form tutor', sensitive: false },
  ];
  for (const change of opening)
    c = applyCaseChange(c, change, {
      policy: school.policy,
      today: '2025-11-03',
      at: '2025-11-03T15:25:00Z',
      by: lead,
    });
  // Recorded at the termly meeting.
  const atMeeting: CaseChange[] = [
    { kind: 'action-done', actionId: 'a1' },
    { kind: 'add-action', what: 'Refer to early help', party: 'la', owner: 'Omar Officer', due: '2026-02-06' },
    { kind: 'barrier', text: 'Younger sibling’s hospital appointments', sensitive: true },
  ];
  const nextStage = school.policy.stages?.[1]?.id;
  if (nextStage) atMeeting.push({ kind: 'stage', stageId: nextStage });
  for (const change of atMeeting)
    c = applyCaseChange(c, change, {
      policy: school.policy,
      today: '2026-01-16',
      at: '2026-01-16T09:20:00Z',
      by: lead,
      meetingId: 'm-gallery',
    });
  return c;
}

/** A leave request answered up to its conclusion, as the head sees it before deciding. */
function leaveConclusion(
  school: SchoolData,
  p: number,
): { definition: typeof leaveWalkthrough; states: WalkState[]; context: WalkContext } {
  const pupil = school.register.pupils[p];
  const context: WalkContext = {
    school,
    pupil,
    pupilIndex: p,
    recorded: { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] },
  };
  let state: WalkState = startWalk(leaveWalkthrough, {
    id: 'walk-gallery',
    schoolUrn: school.urn,
    pupil: { upn: pupil.upn, label: `${pupilName(pupil)}, Year ${pupil.yearGroup}` },
    asOf: school.asOf,
    profile: { id: school.policy.id, version: school.policy.version },
    startedBy: 'aad-head',
    startedAt: '2026-01-16T09:31:00Z',
  });
  const states = [state];
  const answers = [
    { relationship: 'mother', livesWithPupil: 'yes' },
    { appliedOn: '2026-01-05' },
    { from: '2026-02-02', to: '2026-02-06' },
    { reason: 'bereavement' },
    { couldBeTakenInHolidays: 'no', recurring: 'no', evidence: 'yes' },
  ];
  for (const data of answers) {
    const t = answerStep(leaveWalkthrough, state, state.step, data, context, {
      who: 'aad-head',
      name: 'Helen Head',
      at: '2026-01-16T09:38:00Z',
    });
    if (!t.ok) break;
    state = t.state;
    states.push(state);
  }
  return { definition: leaveWalkthrough, states, context };
}

/**
 * The part-time timetable walk-through for the first pupil `which` picks (so the social worker's and the
 * local authority's steps show for pupils who have them), as a lead would answer it: each state in turn.
 */
function partTimeWalk(
  school: SchoolData,
  parent: 'lives-with' | 'other-parent',
  which: (pupil: SchoolData['register']['pupils'][number]) => boolean,
) {
  const p = Math.max(0, school.register.pupils.findIndex(which));
  const pupil = school.register.pupils[p];
  const context: WalkContext = {
    school,
    pupil,
    pupilIndex: p,
    recorded: { previousNotices: [], noticesToImprove: [], sicknessReturns: [], reliedOn: [], pastNotices: [] },
  };
  let state: WalkState = startWalk(partTimeWalkthrough, {
    id: 'walk-part-time',
    schoolUrn: school.urn,
    pupil: { upn: pupil.upn, label: `${pupilName(pupil)}, Year ${pupil.yearGroup}` },
    asOf: school.asOf,
    profile: { id: school.policy.id, version: school.policy.version },
    startedBy: 'aad-lead',
    startedAt: '2026-01-16T09:31:00Z',
  });
  const states = [state];
  const answers: Record<string, Record<string, string>> = {
    reason: { reason: 'medical' },
    dates: { start: school.asOf, proposedEnd: addDays(school.asOf, 27) },
    sessions: { sessionsOff: '1-PM,2-PM,3-PM,4-PM,5-PM' },
    plan: { plan: 'Individual health care plan agreed with the school nurse' },
    school: { schoolAgreed: 'yes', schoolAgreedOn: school.asOf },
    parent: { parentAgreed: parent, parentAgreedOn: school.asOf },
    review: { nextReview: addDays(school.asOf, 14) },
    socialWorker: { socialWorkerToldOn: school.asOf },
    la: {},
  };
  while (state.status === 'open') {
    const t = answerStep(partTimeWalkthrough, state, state.step, answers[state.step], context, {
      who: 'aad-lead',
      name: 'Ann Lead',
      at: '2026-01-16T09:38:00Z',
    });
    if (!t.ok) throw new Error(`part-time gallery walk refused at ${state.step}: ${t.problems.join('; ')}`);
    state = t.state;
    states.push(state);
  }
  return { states, context };
}

/**
 * Builds every card in the gallery. Cards come from the bot's own code over the demo data, so what this
 * returns is what a head would see; `close` removes the throwaway store.
 */
export async function buildCardGallery(): Promise<GalleryCard[]> {
  const dir = mkdtempSync(join(tmpdir(), 'card-gallery-'));
  const world = openWorld(dir);
  try {
    return await galleryOf(world);
  } finally {
    await world.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function galleryOf(world: World): Promise<GalleryCard[]> {
  const secondary = schoolNamed(world, 'Castle Hill Academy');
  const primary = schoolNamed(world, 'Ashby Lane Primary School');
  const cards: GalleryCard[] = [];
  const add = (name: string, card: AdaptiveCardJson | undefined, mustShow: string[]) => {
    if (!card) throw new Error(`${name}: the bot answered without a card`);
    cards.push({ name, card, mustShow });
  };

  // Queries.
  const listed = LISTED_RULES['penalty-threshold']!;
  const list = await answerList(world.query, {
    rule: listed,
    token: token(secondary, 'penalty-threshold'),
    start: 0,
    schools: [scoped(secondary, 'limited')],
    acrossSchools: false,
    conversation: CHANNEL,
    user: HEAD,
  });
  add('listCard: penalty threshold, limited channel', list.card, [listed.title]);

  const p = busiestPupil(world, secondary);
  const pupil = secondary.register.pupils[p];
  const pupilCardMessage = await answerPupil(
    world.query,
    {
      token: token(secondary, 'pupil-summary'),
      schools: [scoped(secondary, 'full')],
      conversation: PERSONAL,
      user: HEAD,
    },
    scoped(secondary, 'full'),
    p,
  );
  add('pupilCard: the busiest pupil, full view', pupilCardMessage.card, [pupilName(pupil), 'Attendance']);
  const pp = busiestPupil(world, primary);
  const primaryPupil = await answerPupil(
    world.query,
    {
      token: token(primary, 'pupil-summary'),
      schools: [scoped(primary, 'limited')],
      conversation: CHANNEL,
      user: HEAD,
    },
    scoped(primary, 'limited'),
    pp,
  );
  add('pupilCard: a primary pupil, limited view', primaryPupil.card, [pupilName(primary.register.pupils[pp])]);

  const choices = await answerPupilByName(
    world.query,
    {
      token: token(secondary, 'pupil-summary'),
      schools: [scoped(secondary, 'limited')],
      conversation: CHANNEL,
      user: HEAD,
    },
    commonestGivenName(secondary),
  );
  add('choicesCard: a given name several pupils share', choices.card, ['Which pupil did you mean?']);

  const cohortOf = async (filters: QueryToken['filters']) =>
    answerCohort(world.query, {
      token: token(secondary, 'cohort-summary', filters),
      schools: [scoped(secondary, 'full')],
      conversation: PERSONAL,
      user: HEAD,
    });
  add('cohortCard: Year 9 against national', (await cohortOf({ yearGroup: '9' })).card, ['Overall absence']);
  add('cohortCard: the whole school', (await cohortOf({})).card, ['Persistently absent']);

  // The demo records no part-time timetables and no home LAs: give Ashby Lane (Derby's profile, LA 990) a
  // few of each, at the boundaries the rules name, so the cards show every kind of row.
  recordPartTimeAndHomes(primary);
  world.cache.forget(primary.urn);
  const recordRequest = (privacy: 'full' | 'limited', kind: string) => ({
    token: token(primary, kind),
    start: 0,
    schools: [scoped(primary, privacy)],
    acrossSchools: false,
    conversation: privacy === 'full' ? PERSONAL : CHANNEL,
    user: HEAD,
  });
  const timetables = await answerPartTime(
    world.query,
    'part-time-timetables',
    recordRequest('full', 'part-time-timetables'),
  );
  add('partTimeCard: timetables in place, full view', timetables.card, ['Part-time timetables in place']);
  const reviews = await answerPartTime(world.query, 'part-time-reviews', recordRequest('limited', 'part-time-reviews'));
  add('partTimeCard: reviews due, limited channel', reviews.card, ['Part-time timetable reviews due']);
  const crossBorder = await answerCrossBorder(world.query, recordRequest('full', 'cross-border-pupils'));
  add('crossBorderCard: pupils living in another authority', crossBorder.card, ['Who acts for a pupil']);

  add(
    'helpCard: what an attendance lead can ask',
    helpAnswer({ role: 'attendance-lead', conversationType: 'channel' }).card,
    ['What I can answer'],
  );
  add('helpCard: what staff can ask', helpAnswer({ role: 'staff', conversationType: 'personal' }).card, [
    'What I can answer',
  ]);

  // Meetings.
  const severe = world.cache
    .evaluation(secondary, secondary.asOf)
    .findings.filter((f) => f.rule === 'severe-absence' || f.rule === 'persistent-absence')
    .slice(0, 3)
    .map((f) => secondary.register.pupils.findIndex((x) => x.upn === f.upn));
  const cases = severe.map((i) => workedCase(secondary, i));
  for (const c of cases) await world.store.putRecord(CASE_NAMESPACE, caseId(c.schoolUrn, c.upn), c, null);
  const caseReviews = await answerCaseReviews(world.query, {
    token: token(secondary, 'case-reviews'),
    start: 0,
    schools: [scoped(secondary, 'limited')],
    acrossSchools: false,
    conversation: CHANNEL,
    user: HEAD,
  });
  add('caseReviewsCard: cases with actions or reviews due', caseReviews.card, ['Cases due a review']);
  const agenda = prepareAgenda(world.meetings, secondary, cases, null);
  add(
    'agendaCard: Castle Hill Academy, no earlier meeting',
    renderAgendaCard(agendaCardView('m-gallery', agenda, secondary)),
    ['Termly targeting support meeting'],
  );
  const primaryAgenda = prepareAgenda(world.meetings, primary, [], null);
  add(
    'agendaCard: Ashby Lane Primary School',
    renderAgendaCard(agendaCardView('m-gallery-2', primaryAgenda, primary)),
    ['Termly targeting support meeting'],
  );

  add(
    'caseCard: a case worked for a term, in a meeting',
    renderCaseCard(
      caseCardView({
        school: secondary,
        cache: world.cache,
        c: cases[0],
        privacy: 'full',
        today: '2026-01-16',
        meetingLabel: 'Termly meeting: case 1 of 3',
      }),
    ),
    [cases[0].pupilName],
  );

  const meeting: MeetingRecord = {
    id: 'm-gallery',
    schoolUrn: secondary.urn,
    conversationId: CHANNEL.id,
    state: 'ended',
    preparedAt: '2026-01-16T09:00:00Z',
    preparedBy: lead,
    agenda,
    caseOrder: cases.map((c) => c.upn),
    presented: cases.map((c) => c.upn),
    cardActivities: {},
    attendees: [lead, { id: 'aad-omar', name: 'Omar Officer' }],
    startedAt: '2026-01-16T09:05:00Z',
    endedAt: '2026-01-16T10:10:00Z',
    heldOn: '2026-01-16',
  };
  meeting.minutes = buildMeetingMinutes({
    meetingId: meeting.id,
    schoolUrn: secondary.urn,
    heldOn: '2026-01-16',
    attendees: meeting.attendees,
    discussed: meeting.presented,
    cases,
    policy: secondary.policy,
  });
  for (const view of minutesCardViews(meeting, secondary))
    add('minutesCard: the meeting that reviewed those cases', renderMinutesCard(view), ['Minutes']);

  const mine = await myActionsMessage(world.meetings, { id: '29:lead', name: 'Ann Lead', aadObjectId: 'aad-lead' });
  add('myActionsCard: Ann Lead’s open actions', mine.card, ['Open actions for Ann Lead']);

  // Decisions.
  const { definition, states, context } = leaveConclusion(primary, pp);
  for (const state of states.slice(0, -1))
    add(`stepCard: leave of absence, ${state.step}`, walkCard(definition, state, context).card, []);
  const concluded = states.at(-1)!;
  add('conclusionCard: leave of absence, before the decision', walkCard(definition, concluded, context).card, []);
  const decided = recordDecision(
    concluded,
    { choice: 'grant', sessions: 10 },
    { who: 'aad-head', name: 'Helen Head', role: 'head', at: '2026-01-16T09:41:00Z' },
  );
  if (decided.ok) {
    add('conclusionCard: leave of absence, granted', walkCard(definition, decided.state, context).card, ['Helen Head']);
    add(
      'decisionListCard: the pupil’s decisions',
      decisionListMessage(primary, primary.register.pupils[pp], [decided.state]).card,
      ['Helen Head'],
    );
  }
  const cancelled = cancelWalk(states[1], { who: 'aad-head', at: '2026-01-16T09:33:00Z' });
  if (cancelled.ok)
    add('noticeCard: a cancelled walk-through', walkCard(definition, cancelled.state, context).card, ['cancelled']);

  const partTime = partTimeWalk(secondary, 'lives-with', (x) => x.sen === 'ehcp');
  for (const state of partTime.states.slice(0, -1))
    add(
      `stepCard: part-time timetable, ${state.step}`,
      walkCard(partTimeWalkthrough, state, partTime.context).card,
      [],
    );
  const withSocialWorker = partTimeWalk(secondary, 'lives-with', (x) => x.socialWorker === true);
  const socialWorkerStep = withSocialWorker.states.find((st) => st.step === 'socialWorker');
  if (socialWorkerStep)
    add(
      'stepCard: part-time timetable, socialWorker',
      walkCard(partTimeWalkthrough, socialWorkerStep, withSocialWorker.context).card,
      ['social worker'],
    );
  add(
    'conclusionCard: part-time timetable, lawful with things to do',
    walkCard(partTimeWalkthrough, partTime.states.at(-1)!, partTime.context).card,
    ['Lawful'],
  );
  const notLawful = partTimeWalk(secondary, 'other-parent', (x) => x.sen === 'ehcp');
  add(
    'conclusionCard: part-time timetable, only a parent the pupil does not live with agreed',
    walkCard(partTimeWalkthrough, notLawful.states.at(-1)!, notLawful.context).card,
    ['Not lawful'],
  );
  const timetable = partTimeDecisionFor(partTime.states.at(-1)!.answers, partTime.context).timetable!;
  const reviewed = {
    ...timetable,
    reviews: [{ on: secondary.asOf, extendedTo: addDays(secondary.asOf, 55) }],
  };
  add(
    'partTimeRecordCard: a recorded timetable, reviewed and extended',
    partTimeRecordMessage({
      school: secondary,
      today: secondary.asOf,
      pupil: partTime.context.pupil!,
      timetable: reviewed,
      record: {
        schoolUrn: secondary.urn,
        timetable: reviewed,
        history: [
          { what: 'recorded', on: secondary.asOf, by: 'aad-lead', byName: 'Ann Lead', at: '2026-01-16T09:41:00Z' },
          { what: 'review', on: secondary.asOf, by: 'aad-lead', byName: 'Ann Lead', at: '2026-01-16T09:45:00Z' },
        ],
      },
      mayRecord: true,
    }).card!,
    ['Ann Lead', 'Reviews held'],
  );

  // Alerts.
  for (const school of [secondary, primary]) {
    const { findings } = world.cache.evaluation(school, school.asOf);
    const planned = planAlerts({
      school: { urn: school.urn, name: school.name, policy: school.policy },
      asOf: school.asOf,
      findings,
      audiences: [{ conversationId: CHANNEL.id, privacy: 'limited', audience: 'school', kinds: [...ALERT_KIND_NAMES] }],
      delivered: new Set(),
      acknowledged: new Set(),
    });
    const seen = new Set<string>();
    for (const { model } of planned) {
      if (seen.has(model.kind)) continue;
      seen.add(model.kind);
      const first = model.rows[0];
      const acted = {
        ...model,
        rows: model.rows.map((r, i) =>
          i === 0 ? { ...r, done: [{ action: r.actions[0], by: 'Ann Lead', at: '2026-01-16T09:52:00Z' }] } : r,
        ),
      };
      add(`alertCard: ${model.kind}, ${school.name}`, renderAlertCard(acted), [first.pupilName]);
    }
  }

  // Returns to the local authority: the latest month of the secondary's register that owes any.
  let month = secondary.asOf.slice(0, 7);
  const owes = (m: string) =>
    monthlyReturns(secondary.register, { month: m, policy: secondary.policy, asOf: secondary.asOf }).returns.length > 0;
  for (let back = 0; back < 12 && !owes(month); back++) {
    const [y, m] = month.split('-').map(Number);
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  const returns = await returnsAnswer(
    { schools: world.schools, store: world.store, access: world.query.access, log: silentLog },
    [secondary],
    [],
    month,
    false,
  );
  add('returnsCard: a month’s returns, with “Send as a file”', returns.card, ['LA notified', 'Send as a file']);
  return cards;
}

/**
 * Part-time timetables for five of the school's pupils (review due today, overdue by a day, none set, an
 * end date passed yesterday, a social worker not told) and a home LA for six: three in the school's own
 * authority, three in a neighbouring one. The register is this gallery's own copy of the demo.
 */
function recordPartTimeAndHomes(school: SchoolData): void {
  const { register } = school;
  const asOf = school.asOf;
  const pupils = register.pupils;
  const sessionsOff = [
    { weekday: 1 as const, half: 'PM' as const },
    { weekday: 3 as const, half: 'PM' as const },
    { weekday: 5 as const, half: 'PM' as const },
  ];
  const base = { start: '2025-11-03', proposedEnd: '2026-02-13', schoolAgreedOn: '2025-10-30', reviews: [] };
  register.partTimeTimetables = [
    {
      ...base,
      upn: pupils[3].upn,
      sessionsOff,
      parentAgreedOn: '2025-10-31',
      nextReview: asOf,
      plan: 'Reintegration plan after a long illness',
    },
    { ...base, upn: pupils[8].upn, sessionsOff, parentAgreedOn: '2025-10-31', nextReview: addDays(asOf, -1) },
    { ...base, upn: pupils[13].upn, sessionsOff: sessionsOff.slice(0, 1) },
    {
      ...base,
      upn: pupils[21].upn,
      sessionsOff,
      parentAgreedOn: '2025-10-31',
      proposedEnd: '2025-12-12',
      reviews: [{ on: '2025-12-08', extendedTo: addDays(asOf, -1) }],
      nextReview: addDays(asOf, 14),
    },
    { ...base, upn: pupils[34].upn, sessionsOff, parentAgreedOn: '2025-10-31', nextReview: addDays(asOf, 5) },
  ];
  pupils[34].socialWorker = true;
  register.school.laCode = '990';
  for (const [i, homeLa] of [
    [3, '990'],
    [5, '990'],
    [8, '991'],
    [21, '991'],
    [40, '992'],
    [55, '990'],
  ] as const)
    pupils[i].homeLa = homeLa;
}

/** A given name that fits several pupils, but few enough for the bot to offer a choice. */
function commonestGivenName(school: SchoolData): string {
  const pupils = school.register.pupils;
  const names = [...new Set(pupils.map((p) => p.givenName))].sort();
  const fits = names.map((n) => [n, findPupils(pupils, n).length] as const).filter(([, n]) => n > 1 && n <= 10);
  return fits.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}
