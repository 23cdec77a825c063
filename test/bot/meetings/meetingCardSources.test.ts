import { describe, expect, it } from 'vitest';
import { renderAgendaCard } from '../../../cards/meetings/agendaCard.ts';
import { renderCaseCard } from '../../../cards/meetings/caseCard.ts';
import { agendaCardView } from '../../../bot/meetings/agendaView.ts';
import { caseCardView } from '../../../bot/meetings/caseView.ts';
import { FindingsCache } from '../../../bot/schools/findingsCache.ts';
import { type SchoolData } from '../../../bot/schools/schoolData.ts';
import { buildMeetingAgenda } from '../../../rules/cases/meetingAgenda.ts';
import { openCase } from '../../../rules/cases/pupilCase.ts';
import { createEvaluationContext } from '../../../rules/findings/evaluationContext.ts';
import { POLICY_PROFILES } from '../../../rules/policies/policyProfiles.ts';
import { SOURCES } from '../../../rules/sources/sourceRegister.ts';
import { AUTUMN_2025, makeRegister } from '../../support/registerFixture.ts';

const AS_OF = '2025-11-21';
const lead = { id: 'aad-lead', name: 'Ann Lead' };

/** Every string in a card's JSON. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

// Pupils with something for every part of the cards to say: severe absence (a joint approach to agree),
// persistent absence, a part-time timetable, and one who is present.
function schoolUnder(policyId: string): SchoolData {
  const register = makeRegister({
    school: { urn: '100001', name: 'Oakfield', policy: policyId },
    calendar: AUTUMN_2025,
    pupils: [
      { givenName: 'Sev', familyName: 'Ere', yearGroup: '9', spans: [['2025-09-15', AS_OF, 'O']], marksUntil: AS_OF },
      {
        givenName: 'Per',
        familyName: 'Sist',
        yearGroup: '8',
        spans: [['2025-10-06', '2025-10-10', 'G']],
        marksUntil: AS_OF,
      },
      {
        givenName: 'Par',
        familyName: 'Time',
        yearGroup: '7',
        spans: [['2025-11-10', AS_OF, '/C2']],
        marksUntil: AS_OF,
      },
      { givenName: 'Ali', familyName: 'There', yearGroup: '8', marksUntil: AS_OF },
    ],
  });
  return { urn: '100001', name: 'Oakfield', register, policy: POLICY_PROFILES.get(policyId)!, asOf: AS_OF, dir: '' };
}

describe('meeting cards under each profile', () => {
  for (const policy of POLICY_PROFILES.values()) {
    it(`cite only ${policy.id}’s own document or national sources, and never a file name or a seed number`, () => {
      const school = schoolUnder(policy.id);
      const cache = new FindingsCache();
      const { context, findings } = cache.evaluation(school, AS_OF);
      const cases = school.register.pupils.slice(0, 3).map((pupil) =>
        openCase({
          schoolUrn: school.urn,
          upn: pupil.upn,
          pupilName: `${pupil.givenName} ${pupil.familyName}`,
          yearGroup: pupil.yearGroup,
          because: 'staff',
          stageId: policy.stages[0]?.id ?? 'monitor',
          today: '2025-11-01',
          at: '2025-11-01T09:00:00Z',
          by: lead,
        }),
      );
      const agenda = buildMeetingAgenda({
        schoolName: school.name,
        now: context,
        findings,
        movement: {
          from: '2025-10-10',
          before: createEvaluationContext(school.register, { asOf: '2025-10-09', policy }),
          since: createEvaluationContext(school.register, { asOf: AS_OF, policy, periodStart: '2025-10-10' }),
        },
        localAuthority: null,
        national: () => null,
        cases,
      });
      const cards = [
        renderAgendaCard(agendaCardView('m1', agenda, school)),
        ...cases.map((c) =>
          renderCaseCard(caseCardView({ school, cache, c, privacy: 'full', today: AS_OF, meetingLabel: 'Case' })),
        ),
      ];
      const text = cards.flatMap(strings).join('\n');
      expect(text).toMatch(/Severely absent/);
      const own = policy.source === 'national' ? undefined : SOURCES[policy.source as keyof typeof SOURCES].title;
      for (const source of Object.values(SOURCES))
        if (source.scope === 'local' && source.title !== own) expect(text).not.toContain(source.title);
      expect(text).not.toMatch(/\b00[0-4](_[0-9a-f]+\.txt|\s+paras?\b)/);
    });
  }
});
