import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';
import { type Finding, type PolicyProfile } from '../../rules/index.ts';

export interface FindingView {
  reason: string;
  nextStep: string;
  citation: string;
  /** The limited view left out a safeguarding step; the card says that one applies and where to look. */
  safeguarding: boolean;
}

/**
 * Findings whose very title tells that a pupil has a social worker or an EHC plan: a limited view leaves
 * them out whole (and says that extra safeguarding steps apply), since rewording cannot hide what they are.
 */
const CONTEXT_RULES: ReadonlySet<string> = new Set(['part-time-social-worker-not-told', 'part-time-ehcp-la-not-told']);

/** Whether a conversation at this privacy level may not see the finding at all. */
export function hiddenInView(finding: Pick<Finding, 'rule'>, privacy: PrivacyLevel): boolean {
  return privacy !== 'full' && CONTEXT_RULES.has(finding.rule);
}

export function citationText(citation: { source: string; where: string }): string {
  return `${citation.source}, ${citation.where}`;
}

/**
 * A finding as a conversation at this privacy level may see it. The rules add a social-worker step (and
 * cite the safeguarding source) when a pupil has a social worker; in a limited conversation that would tell
 * everyone the child has one, so the step and its citation are taken out and the row says only that extra
 * safeguarding steps apply.
 */
export function viewFinding(finding: Finding, policy: PolicyProfile, privacy: PrivacyLevel): FindingView {
  const full = {
    reason: finding.reason,
    nextStep: finding.nextStep,
    citation: citationText(finding.citation),
    safeguarding: false,
  };
  if (privacy === 'full' || finding.evidence.socialWorker !== true) return full;
  const rule = policy.unexplainedAbsence;
  const nextStep = finding.nextStep.replace(`. ${rule.socialWorkerStep}`, '').replace(rule.socialWorkerStep, '').trim();
  const citation = finding.rule === 'unexplained-absence' ? citationText(rule.citation) : full.citation;
  return { reason: finding.reason, nextStep, citation, safeguarding: true };
}
