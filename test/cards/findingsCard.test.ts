import { describe, expect, it } from 'vitest';
import { findingsCard, type FindingsCardData } from '../../cards/queries/findingsCard.ts';
import { expectValidCard } from '../support/validateCard.ts';

/** At the lengths the rules write: the penalty threshold's evidence lists twelve sessions. */
function sampleFindings(findings: number): FindingsCardData {
  return {
    title: findings === 0 ? 'Amy Smith is on no list' : 'Why Amy Smith is on the list',
    subtitle: 'Year 9 · 9B · UPN N820123425001',
    school: 'Oakfield Primary (URN 100001)',
    asOfLabel: 'Friday 21 November 2025',
    policyName: 'National rules (England, 2024)',
    privacyLabel: 'limited: names and findings only (team channel)',
    intro: findings === 0 ? 'No rule is met for Amy Smith.' : `${findings} findings.`,
    findings: Array.from({ length: findings }, () => ({
      title: 'Penalty threshold',
      reason:
        '12 unauthorised sessions (12 O) in the 10 school weeks from Mon, 8 Sept 2025 to Fri, 21 Nov 2025: the threshold for considering a penalty notice is 10.',
      evidence: [
        { label: 'Sessions counted', value: '12' },
        { label: 'By code', value: '12 × O (absent in other or unknown circumstances)' },
        {
          label: 'Sessions',
          value: Array.from({ length: 12 }, (_, i) => `Mon, ${10 + i} Nov 2025 AM O`).join(', '),
        },
      ],
      nextStep: 'Offer support first; consider a notice to improve before a penalty notice',
      citation: 'DfE, Working together to improve school attendance (statutory guidance, August 2024), paragraph 190',
    })),
    limitedNote: '',
    pupilQuery: '{"v":1,"kind":"pupil-summary","urn":"100001","filters":{}}',
    pupilKey: '100001|N820123425001',
  };
}

describe('findings card', () => {
  it('is a valid Teams card with each finding, its evidence and its source', () => {
    const message = findingsCard(sampleFindings(2));
    expectValidCard(message.card, 'findings card');
    const body = JSON.stringify(message.card);
    expect(body).toContain('Sessions counted');
    expect(body).toContain('Source: DfE, Working together');
    expect(message.text).toContain('  By code: 12 × O (absent in other or unknown circumstances)');
  });

  it('says plainly when a pupil is on no list, and stays valid with no findings', () => {
    const message = findingsCard(sampleFindings(0));
    expectValidCard(message.card, 'findings card, no findings');
    expect(message.text).toContain('Amy Smith is on no list');
  });

  it('stays under the Teams size limit with every rule a pupil can meet', () => {
    expect(() => findingsCard(sampleFindings(12))).not.toThrow();
  });
});
