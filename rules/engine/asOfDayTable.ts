import { IS_ATTENDANCE, codeSetTable } from '../codes/codeCategories.ts';

const N_CODE = codeSetTable(['N']);

// Fields of a pupil's as-of day sum: sessions with an N, attended, with a deletion-ground code (a day has
// at most two sessions, so no field carries).
export const DAY_N = 0;
export const DAY_ATTENDED = 4;
export const DAY_DELETION = 8;

/** Each code's contribution to a pupil's as-of day sum, with the profile's deletion-ground codes. */
export function asOfDayTable(deletionTable: Uint8Array): Int32Array {
  const table = new Int32Array(256);
  for (let id = 0; id < 256; id++) {
    table[id] = (N_CODE[id] << DAY_N) | (IS_ATTENDANCE[id] << DAY_ATTENDED) | (deletionTable[id] << DAY_DELETION);
  }
  return table;
}
