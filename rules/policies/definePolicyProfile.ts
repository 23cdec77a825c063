import { z } from 'zod';
import { deepFreeze } from './deepFreeze.ts';
import { nationalProfile } from './national.ts';
import { policyProfileSchema, type PolicyProfile } from './policyProfile.ts';

/** Anything in a profile may be overridden; arrays (codes, stages) replace the national ones whole. */
export type PolicyOverrides = {
  [K in keyof PolicyProfile]?: PolicyProfile[K] extends readonly unknown[]
    ? PolicyProfile[K]
    : PolicyProfile[K] extends object | undefined
      ? Partial<NonNullable<PolicyProfile[K]>>
      : PolicyProfile[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeDeep(base[k], v);
  return out;
}

/**
 * A local profile: the national rules with the source document's changes laid over them. Validated as a
 * whole, so a typo in an override fails at start-up with the path of the bad field, and deep-frozen.
 */
export function definePolicyProfile(
  overrides: PolicyOverrides & Pick<PolicyProfile, 'id' | 'name' | 'kind' | 'source' | 'version'>,
  base: PolicyProfile = nationalProfile,
): PolicyProfile {
  const merged = mergeDeep(base, overrides);
  const result = policyProfileSchema.safeParse(merged);
  if (!result.success) {
    throw new Error(`policy profile ${overrides.id} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return deepFreeze(result.data);
}
