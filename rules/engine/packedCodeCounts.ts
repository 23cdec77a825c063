import { IS_ABSENCE, IS_POSSIBLE, codeSetTable } from '../codes/codeCategories.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';

/**
 * Counting several code classes in one pass over a few bytes: each class gets a 4-bit field of one
 * integer, and the table gives, per code id, a 1 in the field of every class the code belongs to. Adding
 * table entries then counts all classes at once. Four bits hold 15, and the engine only sums part of one
 * school week this way (at most 14 sessions), so fields never carry into each other.
 */
export const PACKED_FIELD = { possible: 0, penalty: 4, lateness: 8, absence: 12 } as const;

const tables = new WeakMap<PolicyProfile, Int32Array>();

/** The table for a policy's classes, made once per policy (each school's query asks for it). */
export function packedClassTable(policy: PolicyProfile): Int32Array {
  let table = tables.get(policy);
  if (!table) {
    table = buildTable(policy);
    tables.set(policy, table);
  }
  return table;
}

function buildTable(policy: PolicyProfile): Int32Array {
  const classes: [number, Uint8Array][] = [
    [PACKED_FIELD.possible, IS_POSSIBLE],
    [PACKED_FIELD.penalty, codeSetTable(policy.penaltyThreshold.codes)],
    [PACKED_FIELD.lateness, codeSetTable(policy.lateness.codes)],
    [PACKED_FIELD.absence, IS_ABSENCE],
  ];
  const table = new Int32Array(256);
  for (let id = 0; id < 256; id++) for (const [shift, members] of classes) table[id] += members[id] << shift;
  return table;
}
