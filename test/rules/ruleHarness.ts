import { createEvaluationContext, type MeasureMethod } from '../../rules/findings/evaluationContext.ts';
import { evaluateFindings } from '../../rules/findings/evaluateFindings.ts';
import { type Finding, type FindingRule } from '../../rules/findings/finding.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';
import { type Register } from '../../rules/register/register.ts';
import { makeRegister, type FixtureSpec } from '../support/registerFixture.ts';

/** Findings for a fixture register as at `asOf` under a profile (national unless named). */
export function findingsAt(
  register: Register | FixtureSpec,
  asOf: string,
  policy = 'national',
  measureMethod?: MeasureMethod,
): Finding[] {
  const reg = 'marks' in register ? register : makeRegister(register);
  return evaluateFindings(reg, { asOf, policy: policyProfile(policy), measureMethod });
}

/** The one finding of `rule` for the first pupil, or undefined. */
export function findingOf(findings: readonly Finding[], rule: FindingRule, upnIndex?: string): Finding | undefined {
  return findings.find((f) => f.rule === rule && (upnIndex === undefined || f.upn === upnIndex));
}

export function rulesOf(findings: readonly Finding[]): FindingRule[] {
  return findings.map((f) => f.rule);
}

export function contextAt(register: Register, asOf: string, policy = 'national', measureMethod?: MeasureMethod) {
  return createEvaluationContext(register, { asOf, policy: policyProfile(policy), measureMethod });
}
