import { type EvaluationOptions } from '../findings/evaluationContext.ts';
import { type Register } from '../register/register.ts';
import { createAttendanceEngine } from './attendanceEngine.ts';
import { type FindingTable } from './findingTable.ts';

/**
 * Every finding for every pupil of one register at an as-of date, from the attendance engine: the path
 * every caller takes for findings (the command line, the bot's answers, alerts and meetings). It indexes
 * the register first; a caller asking about the same register again and again (the bot) should keep an
 * engine of its own (`createAttendanceEngine`) and ask it.
 *
 * @example
 * const table = registerFindings(register, { asOf: '2025-11-20', policy: policyProfile('derby') });
 * table.countOf('penalty-threshold') // => 2
 * table.findings()[0]
 * // => { upn: 'A123…', pupilName: 'Ava Jones', yearGroup: '4', rule: 'persistent-absence',
 * //      reason: 'Absent 14 of 98 possible sessions (14.3%) from Mon 1 Sept 2025 to …', evidence: { … },
 * //      nextStep: 'Meet the pupil and parents …', citation: { source: 'DfE, Working together …', where: '…' },
 * //      episode: '2025-09-01' }
 */
export function registerFindings(register: Register, options: EvaluationOptions): FindingTable {
  const { asOf, policy, measureMethod, periodStart } = options;
  return createAttendanceEngine([register]).findingsAt(asOf, policy, { measureMethod, periodStart })[0];
}
