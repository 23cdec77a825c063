import { describe, expect, it } from 'vitest';
import { sumRows } from '../../../rules/engine/rowSums.ts';

/** The plain sum, one pupil at a time. */
function naive(
  marks: Uint8Array,
  sessions: number,
  count: number,
  from: number,
  length: number,
  table: Int32Array,
): number[] {
  return Array.from({ length: count }, (_, p) => {
    let sum = 0;
    for (let s = from; s < from + length; s++) sum += table[marks[p * sessions + s]];
    return sum;
  });
}

describe('sumRows', () => {
  const sessions = 13;
  const table = Int32Array.from({ length: 256 }, (_, id) => (id % 5) * 17);
  const marksFor = (count: number) => Uint8Array.from({ length: count * sessions }, (_, i) => (i * 7919) % 251);

  for (const count of [0, 1, 2, 7, 8]) {
    it(`sums the same range of every row, ${count} pupils (odd counts leave one pupil for the last step)`, () => {
      const marks = marksFor(count);
      for (const [from, length] of [
        [0, sessions],
        [4, 6],
        [12, 1],
        [5, 0],
      ]) {
        const out = new Int32Array(count + 1).fill(-1);
        sumRows(marks, sessions, count, from, length, table, out);
        expect([...out.subarray(0, count)]).toEqual(naive(marks, sessions, count, from, length, table));
        expect(out[count]).toBe(-1);
      }
    });
  }
});
