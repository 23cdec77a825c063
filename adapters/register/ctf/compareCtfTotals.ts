import { IS_ATTENDANCE, IS_AUTHORISED, IS_POSSIBLE, IS_UNAUTHORISED } from '../../../rules/index.ts';
import { type SourceMark } from '../../import/sourceRows.ts';
import { child, textOf, type XmlNode } from './ctfPupil.ts';

const TOTALS = [
  ['SessionsPossible', IS_POSSIBLE],
  ['SessionsAttended', IS_ATTENDANCE],
  ['SessionsAuthorised', IS_AUTHORISED],
  ['SessionsUnauthorised', IS_UNAUTHORISED],
] as const;

/**
 * Recounts a year's four CTF totals from its decoded marks. Where a total is given and differs, says which
 * (e.g. "SessionsPossible 10 in the file, 8 from the marks"); undefined when they agree or none is given.
 * A difference is a note, not a reason to reject: the totals are what the sending school returned to the
 * census, and the marks are still the best session-level record there is.
 */
export function compareCtfTotals(marks: readonly SourceMark[], yearData: XmlNode): string | undefined {
  const differences: string[] = [];
  for (const [element, table] of TOTALS) {
    const given = textOf(child(yearData, element));
    if (!/^\d+$/.test(given)) continue;
    let counted = 0;
    for (const m of marks) counted += table[m.codeId];
    if (counted !== Number(given)) differences.push(`${element} ${given} in the file, ${counted} from the marks`);
  }
  return differences.length > 0 ? differences.join(', ') : undefined;
}
