/**
 * Freezes a plain value and everything inside it, so a profile shared by every school cannot be changed
 * by one caller under another's feet. Returns the same value, typed as read-only.
 *
 * @example
 * const profile = deepFreeze({ penaltyThreshold: { sessions: 10, codes: ['G', 'N', 'O', 'U'] } });
 * profile.penaltyThreshold.codes.push('I') // throws TypeError: the array is frozen
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
