import { describe, expect, it } from 'vitest';
import { renderAgendaCard } from '../../../cards/meetings/agendaCard.ts';
import { renderCaseCard } from '../../../cards/meetings/caseCard.ts';
import { renderMinutesCard } from '../../../cards/meetings/minutesCard.ts';
import { renderMyActionsCard } from '../../../cards/meetings/myActionsCard.ts';
import { agendaCardView } from '../../../bot/meetings/agendaView.ts';
import { caseCardView } from '../../../bot/meetings/caseView.ts';
import { type MeetingRecord } from '../../../bot/meetings/meetingStore.ts';
import { minutesCardViews } from '../../../bot/meetings/minutesView.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { applyCaseChange, type CaseChange } from '../../../rules/cases/applyCaseChange.ts';
import { type MeetingAgenda } from '../../../rules/cases/meetingAgenda.ts';
import { buildMeetingMinutes } from '../../../rules/cases/meetingMinutes.ts';
import { openCase, type PupilCase } from '../../../rules/cases/pupilCase.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { expectValidCard } from '../../support/validateCard.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

const AS_OF = '2025-11-21';
const policy = policyProfile('stockport-bramhall');
const register = makeRegister({
  school: { urn: '100001', name: 'Oakfield', policy: 'stockport-bramhall' },
  calendar: AUTUMN_2025,
  pupils: Array.from({ length: 40 }, (_, i) => ({
    givenName: `Pupil${i + 1}`,
    familyName: 'Longfamilyname-Doublebarrelled',
    yearGroup: '9',
    spans: [['2025-10-01', '2025-10-10', 'O']] as [string, string, string][],
    marksUntil: AS_OF,
  })),
});
const school: SchoolData = { urn: '100001', name: 'Oakfield', register, policy, asOf: AS_OF, dir: '' };
const lead = { id: 'aad-lead', name: 'Ann Lead' };
const long = (n: number) =>
  `Agreed step number ${n}: ${'a careful long description of what is to happen and who is involved '.repeat(2)}`.slice(
    0,
    200,
  );

/** A case that has seen a great deal: 60 actions (half done), 30 barriers (some sensitive), many stage moves. */
function busyCase(p: number, meetingId = 'm1'): PupilCase {
  const pupil = register.pupils[p];
  let c = openCase({
    schoolUrn: '100001',
    upn: pupil.upn,
    pupilName: `${pupil.givenName} ${pupil.familyName}`,
    yearGroup: '9',
    because: 'meeting',
    stageId: 'stage-1',
    today: '2025-11-20',
    at: '2025-11-20T09:00:00Z',
    by: lead,
  });
  const changes: CaseChange[] = [];
  for (let i = 0; i < 60; i++)
    changes.push({ kind: 'add-action', what: long(i), party: 'school', owner: `Owner ${i % 7}`, due: '2025-12-01' });
  for (let i = 0; i < 30; i++) changes.push({ kind: 'action-done', actionId: `a${i + 1}` });
  for (let i = 0; i < 30; i++) changes.push({ kind: 'barrier', text: long(i), sensitive: i % 3 === 0 });
  for (const stageId of ['stage-2', 'stage-3', 'stage-2']) changes.push({ kind: 'stage', stageId });
  for (const change of changes)
    c = applyCaseChange(c, change, { policy, today: '2025-11-21', at: '2025-11-21T10:00:00Z', by: lead, meetingId });
  return c;
}

describe('meeting cards', () => {
  it('draw a very busy case as a valid card under 28 KB, in both privacy levels', () => {
    const c = busyCase(0);
    for (const privacy of ['limited', 'full'] as const) {
      const card = renderCaseCard(
        caseCardView({
          school,
          cache: new FindingsCache(),
          c,
          privacy,
          today: '2025-11-24',
          meetingLabel: 'Termly meeting: case 1 of 40',
        }),
      );
      expectValidCard(card, `case card (${privacy})`);
    }
  });

  it('draw an agenda of a whole school’s pupils as a valid card, cutting long lists', () => {
    const agenda: MeetingAgenda = {
      schoolUrn: '100001',
      schoolName: 'Oakfield',
      asOf: AS_OF,
      today: '2025-11-24',
      movementFrom: '2025-10-10',
      carriedForward: [],
      pupils: register.pupils.map((p) => ({
        upn: p.upn,
        pupilName: `${p.givenName} ${p.familyName}`,
        yearGroup: '9',
        level: 'persistent',
        absencePercent: 12.5,
        isNew: true,
        hasCase: false,
      })),
      casesDue: [],
      movers: [],
      cohorts: [
        {
          cohort: 'All pupils',
          school: { pupils: 40, absencePercent: 9, persistentAbsencePercent: 100 },
          localAuthority: null,
          national: { absencePercent: 6.38, persistentAbsencePercent: 17.79 },
        },
      ],
      targets: [],
      partTime: [],
      partTimeInPlace: null,
    };
    const view = agendaCardView('m1', agenda, school);
    expect(view.sections[1].lines).toHaveLength(25);
    expect(view.sections[1].more).toMatch(/^and 15 more/);
    expect(
      agendaCardView(
        'm1',
        {
          ...agenda,
          cohorts: [
            {
              ...agenda.cohorts[0],
              cohort: 'Looked after',
              school: { pupils: 2, absencePercent: 30, persistentAbsencePercent: 50 },
            },
          ],
        },
        school,
      ).absenceRows[0].school,
    ).toBe('too few');
    expectValidCard(renderAgendaCard(view), 'agenda card');
  });

  it('split the minutes of a very long meeting into numbered parts, each valid, leaving no action out', () => {
    const cases = register.pupils.map((_, p) => busyCase(p));
    const minutes = buildMeetingMinutes({
      meetingId: 'm1',
      schoolUrn: '100001',
      heldOn: '2025-11-24',
      attendees: [lead],
      discussed: cases.map((c) => c.upn),
      cases,
      policy,
    });
    const parts = minutesCardViews({ minutes } as MeetingRecord, school);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => {
      expect(part.title).toMatch(new RegExp(`\\(part ${i + 1} of ${parts.length}\\)$`));
      expectValidCard(renderMinutesCard(part), `minutes part ${i + 1}`);
    });
    expect(parts.flatMap((p) => p.cases)).toHaveLength(40);
    expect(parts.flatMap((p) => p.owners).reduce((n, o) => n + o.actions.length, 0)).toBe(40 * 60);
  });

  it('draw the minutes of an ordinary meeting on one card, saying when nothing was agreed', () => {
    const c = openCase({
      schoolUrn: '100001',
      upn: register.pupils[0].upn,
      pupilName: 'Pupil1 Longfamilyname-Doublebarrelled',
      yearGroup: '9',
      because: 'meeting',
      stageId: 'stage-1',
      today: '2025-11-20',
      at: '2025-11-20T09:00:00Z',
      by: lead,
    });
    const minutes = buildMeetingMinutes({
      meetingId: 'm2',
      schoolUrn: '100001',
      heldOn: '2025-11-24',
      attendees: [lead],
      discussed: [c.upn],
      cases: [c],
      policy,
    });
    const parts = minutesCardViews({ minutes } as MeetingRecord, school);
    expect(parts).toHaveLength(1);
    const card = renderMinutesCard(parts[0]);
    expectValidCard(card, 'minutes card');
    expect(JSON.stringify(card)).toContain('No actions were agreed.');
  });

  it('draw a person’s open actions with a Done button each', () => {
    const card = renderMyActionsCard({
      title: 'Open actions for Ann Lead: 2',
      actions: [{ caseKey: '100001|A820123425001', actionId: 'a1', line: 'Amy Smith: Home visit', overdue: true }],
      more: '',
    });
    expectValidCard(card, 'my actions card');
    expect(JSON.stringify(card)).toContain('"verb":"meetings.actionDone"');
  });
});
