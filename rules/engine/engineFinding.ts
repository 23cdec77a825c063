import { type Citation } from '../findings/citation.ts';
import { type Finding, type RuleId } from '../findings/finding.ts';
import { type Pupil } from '../pupils/pupil.ts';

/** The costly part of a finding: its wording and its evidence. */
export interface FindingParts {
  reason: string;
  evidence: Record<string, unknown>;
  nextStep: string;
}

/**
 * A finding as pupilFinding makes it (same keys, same order), written as one object literal: its
 * `...rest` spread cost over a microsecond a finding, a third of building a local authority's findings.
 */
export function engineFinding(pupil: Pupil, rule: RuleId, reason: string, evidence: Record<string, unknown>, nextStep: string, citation: Citation, episode: string): Finding {
  return {
    upn: pupil.upn,
    pupilName: `${pupil.givenName} ${pupil.familyName}`,
    yearGroup: pupil.yearGroup,
    rule,
    reason,
    evidence,
    nextStep,
    citation,
    episode,
  };
}
