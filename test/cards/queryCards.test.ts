import { describe, expect, it } from 'vitest';
import { choicesCard } from '../../cards/queries/choicesCard.ts';
import { cohortCard } from '../../cards/queries/cohortCard.ts';
import { helpCard } from '../../cards/queries/helpCard.ts';
import { listCard, type ListCardData } from '../../cards/queries/listCard.ts';
import { pupilCard } from '../../cards/queries/pupilCard.ts';
import { expectValidCard } from '../support/validateCard.ts';
import { sampleCohortCard, sampleHelpCard, sampleListCard, samplePupilCard } from './sampleCardData.ts';

function bodyText(card: unknown): string {
  return JSON.stringify(card);
}

describe('query cards', () => {
  it('list card shows every row, the count, as-of date and policy, and a next-page action when there is more', () => {
    const message = listCard(sampleListCard(20, true));
    expectValidCard(message.card, 'list card');
    const json = bodyText(message.card);
    for (let i = 1; i <= 20; i++) expect(json).toContain(`Pupil ${i} Example`);
    expect(json).toContain('Friday 21 November 2025');
    expect(json).toContain('National (DfE)');
    const actions = (message.card as { actions?: { verb: string; data: { start: unknown } }[] }).actions ?? [];
    expect(actions).toHaveLength(1);
    expect(actions[0].verb).toBe('queries.page');
    expect(Number(actions[0].data.start)).toBe(20);
    expect(message.text).toContain('Pupil 20 Example (Year 9): 11 unauthorised sessions in 10 school weeks');
  });

  it('list card without more pages has no action and an empty list says so', () => {
    const empty: ListCardData = {
      ...sampleListCard(0, false),
      count: 0,
      emptyText: 'No pupils have reached the threshold.',
    };
    const message = listCard(empty);
    expectValidCard(message.card, 'empty list card');
    expect((message.card as { actions?: unknown[] }).actions ?? []).toHaveLength(0);
    expect(message.text).toContain('No pupils have reached the threshold.');
  });

  it('marks a safeguarding row in the limited view without saying why', () => {
    const data = sampleListCard(2, false);
    data.rows[0].safeguarding = true;
    expectValidCard(listCard(data).card, 'list card with a safeguarding row');
    const json = bodyText(listCard(data).card);
    expect(json).toContain('Extra safeguarding steps apply');
    expect(json.match(/Extra safeguarding steps apply/g)).toHaveLength(1);
  });

  it('full view shows the safeguarding step on its row', () => {
    const data = sampleListCard(2, false);
    data.rows[1].safeguardingStep = 'Tell the social worker about the unexplained absence';
    const message = listCard(data);
    expectValidCard(message.card);
    expect(bodyText(message.card)).toContain('Safeguarding: Tell the social worker about the unexplained absence');
    expect(message.text).toContain('Safeguarding: Tell the social worker');
  });

  it('pupil, cohort, help and choices cards are valid Teams cards', () => {
    expectValidCard(pupilCard(samplePupilCard(true)).card, 'pupil card (full)');
    expectValidCard(pupilCard(samplePupilCard(false)).card, 'pupil card (limited)');
    expectValidCard(cohortCard(sampleCohortCard(false)).card, 'cohort card');
    expectValidCard(cohortCard(sampleCohortCard(true)).card, 'suppressed cohort card');
    expectValidCard(helpCard(sampleHelpCard()).card, 'help card');
    expectValidCard(
      choicesCard({
        title: 'Which pupil?',
        intro: 'Two pupils are called Amy.',
        choices: [
          { title: 'Amy Smith, Year 9', value: 'A1' },
          { title: 'Amy Stone, Year 7', value: 'A2' },
        ],
        firstValue: 'A1',
        queryToken: '{}',
      }).card,
      'choices card',
    );
  });

  it('limited pupil card hides the context section', () => {
    const json = bodyText(pupilCard(samplePupilCard(false)).card);
    expect(json).not.toContain('Social worker');
    expect(bodyText(pupilCard(samplePupilCard(true)).card)).toContain('Social worker');
  });

  it('suppressed cohort card shows no figures', () => {
    const json = bodyText(cohortCard(sampleCohortCard(true)).card);
    expect(json).not.toContain('Overall absence');
  });
});
