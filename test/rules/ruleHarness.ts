import { createEvaluationContext, type MeasureMethod } from '../../rules/findings/evaluationContext.ts';
import { expect } from 'vitest';
import { registerFindings } from '../../rules/engine/registerFindings.ts';
import { oracleFindings } from '../oracle/findingsOracle.ts';
import { type Finding, type FindingRule } from '../../rules/findings/finding.ts';
import { policyProfile } from '../../rules/policies/policyProfiles.ts';
import { type Register } from '../../rules/register/register.ts';
import { makeRegister, type FixtureSpec } from '../support/registerFixture.ts';

/**
 * Findings for a fixture register as at `asOf` under a profile (national unless named), from the engine,
 * the production path. Every rule test also holds the engine to the oracle on its fixture, so each
 * boundary case the policies name is an equivalence test too.
 */
export function findingsAt(
  register: Register | FixtureSpec,
  asOf: string,
  policy = 'national',
  measureMethod?: MeasureMethod,
): Finding[] {
  const reg = 'marks' in register ? register : makeRegister(register);
  const options = { asOf, policy: policyProfile(policy), measureMethod };
  const findings = registerFindings(reg, options).findings();
  expect(findings, 'the engine and the oracle disagree on this fixture').toStrictEqual(oracleFindings(reg, options));
  return findings;
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
