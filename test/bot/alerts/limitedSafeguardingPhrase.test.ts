import { describe, expect, it } from 'vitest';
import { alertStepsFor } from '../../../bot/alerts/alertSteps.ts';
import { viewFinding } from '../../../bot/queries/findingView.ts';
import { policyProfile } from '../../../rules/policies/policyProfiles.ts';
import { AUTUMN_2025, type FixturePupil } from '../../support/registerFixture.ts';
import { findingOf, findingsAt } from '../../rules/ruleHarness.ts';

const unexplainedFor = (flags: Partial<FixturePupil>) =>
  findingOf(
    findingsAt({ calendar: AUTUMN_2025, pupils: [{ ...flags, days: { '2025-11-12': 'NN' } }] }, '2025-11-12', 'derby'),
    'unexplained-absence',
  )!;

describe("a limited conversation's safeguarding phrase", () => {
  const policy = policyProfile('derby');
  const limitedSteps = (f: ReturnType<typeof unexplainedFor>) => alertStepsFor(f, policy, 'limited');

  it('reads the same for a looked-after child and a child with a social worker', () => {
    const lookedAfter = unexplainedFor({ lookedAfter: true });
    const socialWorker = unexplainedFor({ socialWorker: true });
    expect(limitedSteps(lookedAfter)).toEqual(limitedSteps(socialWorker));
    expect(limitedSteps(lookedAfter).map((s) => s.title)).toContain('Extra safeguarding steps apply');
    expect(viewFinding(lookedAfter, policy, 'limited')).toEqual(viewFinding(socialWorker, policy, 'limited'));
    expect(JSON.stringify(limitedSteps(lookedAfter))).not.toMatch(/looked after|social worker/i);
  });

  it('is absent for a child with neither, and the full view names the step to take', () => {
    expect(limitedSteps(unexplainedFor({})).map((s) => s.title)).not.toContain('Extra safeguarding steps apply');
    const full = alertStepsFor(unexplainedFor({ lookedAfter: true }), policy, 'full');
    expect(full.map((s) => s.reason)).toContain('The pupil has a social worker.');
  });
});
