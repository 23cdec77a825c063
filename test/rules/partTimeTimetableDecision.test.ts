import { describe, expect, it } from 'vitest';
import { decidePartTimeTimetable, type PartTimeProposal } from '../../rules/decisions/partTimeTimetableDecision.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';

const derby = policyProfile('derby');
const pupil = { upn: 'A123', dateOfBirth: '2015-03-10' };
const proposal: PartTimeProposal = {
  reason: 'medical',
  start: '2025-11-17',
  proposedEnd: '2026-01-16',
  sessionsOff: [{ weekday: 5, half: 'PM' }],
  plan: 'Individual healthcare plan',
  schoolAgreedOn: '2025-11-12',
  parentAgreedOn: '2025-11-13',
  nextReview: '2025-12-08',
};

describe('deciding a part-time timetable', () => {
  it('records a complete, agreed timetable for a medical need', () => {
    const d = decidePartTimeTimetable(pupil, proposal, derby);
    expect(d.outcome).toBe('record');
    expect(d.timetable).toMatchObject({ upn: 'A123', start: '2025-11-17', reviews: [] });
    expect(d.checks.every((c) => c.verdict === 'yes')).toBe(true);
  });

  it('refuses a timetable to manage behaviour, citing Derby City Council', () => {
    const d = decidePartTimeTimetable(pupil, { ...proposal, reason: 'behaviour' }, derby);
    expect(d.outcome).toBe('not-lawful');
    expect(d.timetable).toBeUndefined();
    expect(d.actions.join(' ')).toMatch(/manage behaviour/);
  });

  it('will not record C2 until the parent the pupil lives with agrees', () => {
    const d = decidePartTimeTimetable(pupil, { ...proposal, parentAgreedOn: undefined }, derby);
    expect(d.outcome).toBe('not-lawful');
    expect(d.checks.find((c) => c.question.startsWith('Agreed'))?.says).toMatch(/parent the pupil normally lives with/);
  });

  it('is not for a reception pupil below compulsory school age', () => {
    const d = decidePartTimeTimetable({ ...pupil, dateOfBirth: '2021-01-20' }, proposal, derby);
    expect(d.outcome).toBe('not-lawful');
  });

  it('records with actions when the social worker and the LA (EHC plan) are still to be told', () => {
    const d = decidePartTimeTimetable({ ...pupil, socialWorker: true, sen: 'ehcp' }, proposal, derby);
    expect(d.outcome).toBe('record-with-actions');
    expect(d.actions).toHaveLength(2);
    expect(d.checks.filter((c) => c.verdict === 'to-do').map((c) => c.citation.where)).toEqual([
      expect.stringMatching(/^para 20/),
      expect.stringMatching(/^para 21/),
    ]);
  });
});
