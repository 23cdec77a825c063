import { codeSetTable } from '../codes/codeCategories.ts';
import { RULE_IDS, type Finding, type RuleId } from '../findings/finding.ts';
import { type School } from '../register/register.ts';
import * as candidates from './candidateChecks.ts';
import { findingBuilder, type FindingBuilder } from './findingBuilder.ts';
import { type RegisterQuery } from './registerQuery.ts';
import { type PupilScreen } from './screenArrays.ts';

const RULE_COUNT = RULE_IDS.length;
// Module-level copies: under tsx every read of an imported binding is a getter call.
const { illnessDays, nSessionsToday, overdueNSessions, returnRunDays, runDays, unexplainedDays } = candidates;
const SICKNESS = RULE_IDS.indexOf('sickness-return');
const TODAY = RULE_IDS.indexOf('unexplained-absence');
const THREE_DAYS = RULE_IDS.indexOf('unexplained-3-days');
const OVERDUE = RULE_IDS.indexOf('n-code-overdue');
const CONTINUOUS = RULE_IDS.indexOf('continuous-unauthorised-10-days');
const DELETION = RULE_IDS.indexOf('deletion-ground-20-days');
const LATENESS = RULE_IDS.indexOf('persistent-lateness');
const BROKEN = RULE_IDS.indexOf('broken-weeks');
const PENALTY = RULE_IDS.indexOf('penalty-threshold');

/**
 * Every finding of one school at one as-of date, decided exactly and held as columns: row i is the
 * finding of rule `ruleOf(i)` for the pupil in register row `pupil[i]`, with the figure it turns on in
 * `value[i]` (out of `outOf[i]`, where the rule has a denominator). Rows are in evaluateFindings' order:
 * by rule, then by pupil name and UPN. The Finding objects themselves (reason, evidence, next step,
 * citation) are built on request, a row or a page at a time, since over a local authority most are never
 * shown; building all of them costs a few microseconds a finding.
 */
export class FindingTable {
  /** The school's register, index and the bounds of the as-of question. */
  readonly query: RegisterQuery;
  /** Rows of rule RULE_IDS[r] are ruleStart[r] to ruleStart[r + 1]. */
  readonly ruleStart: Int32Array;
  readonly pupil: Int32Array;
  /** Whole numbers, or halves for illness days under half-day counting: all exact in 32-bit floats. */
  readonly value: Float32Array;
  readonly outOf: Uint16Array;
  #builder: FindingBuilder | null = null;

  constructor(query: RegisterQuery, ruleStart: Int32Array, pupil: Int32Array, value: Float32Array, outOf: Uint16Array) {
    this.query = query;
    this.ruleStart = ruleStart;
    this.pupil = pupil;
    this.value = value;
    this.outOf = outOf;
  }

  get school(): School {
    return this.query.index.register.school;
  }

  get size(): number {
    return this.pupil.length;
  }

  countOf(rule: RuleId): number {
    const r = RULE_IDS.indexOf(rule);
    return this.ruleStart[r + 1] - this.ruleStart[r];
  }

  /** The rows of one rule: `from` (inclusive) to `to` (exclusive). */
  rowsOf(rule: RuleId): { from: number; to: number } {
    const r = RULE_IDS.indexOf(rule);
    return { from: this.ruleStart[r], to: this.ruleStart[r + 1] };
  }

  ruleOf(row: number): RuleId {
    this.#check(row);
    let r = 0;
    while (this.ruleStart[r + 1] <= row) r++;
    return RULE_IDS[r];
  }

  /** The finding of row `row`, built now: exactly what evaluateFindings gives for that pupil and rule. */
  finding(row: number): Finding {
    this.#check(row);
    this.#builder ??= findingBuilder(this.query);
    return this.#builder(this.ruleOf(row), this.pupil[row], this.value[row], this.outOf[row]);
  }

  #check(row: number): void {
    if (!(Number.isInteger(row) && row >= 0 && row < this.size))
      throw new RangeError(`row ${row} is outside this table of ${this.size} findings`);
  }

  /** Every finding of the pupil in register row `p`, built now, in rule order (RULE_IDS). */
  findingsOfPupil(p: number): Finding[] {
    const out: Finding[] = [];
    for (let row = 0; row < this.size; row++) if (this.pupil[row] === p) out.push(this.finding(row));
    return out;
  }

  /** Findings of rows `from` to `to` (exclusive), built now; all of them by default. */
  findings(from = 0, to = this.size): Finding[] {
    const out: Finding[] = [];
    for (let row = Math.max(0, from), end = Math.min(to, this.size); row < end; row++) out.push(this.finding(row));
    return out;
  }
}

/**
 * Decides every finding the screen flagged. The screen is exact for most rules; for the rest (sickness
 * return under whole-day counting, the runs ending on the as-of day) it is a necessary condition and the
 * candidate checks decide, reading only that pupil's marks. The table copies every figure it needs, so
 * the screen's arrays can be reused once this returns.
 */
export function tabulateFindings(screen: PupilScreen): FindingTable {
  const { nameOrder } = screen.query.index;
  const { policy } = screen.query;
  const { rules, penaltyCount, latenessCount, brokenWeeks, schoolWeeks, absence, possible } = screen;
  // Room for every flagged pupil of each rule, in rule order; candidates the checks turn down leave
  // gaps that are closed up afterwards.
  const ruleStart = new Int32Array(RULE_COUNT + 1);
  for (let p = 0; p < rules.length; p++) {
    // Each set bit, lowest first: m & -m isolates it, and rule r has bit r (RULE_BIT), so
    // 31 - clz32 is r and the count goes to ruleStart[r + 1].
    for (let m = rules[p]; m !== 0; m &= m - 1) ruleStart[32 - Math.clz32(m & -m)]++;
  }
  for (let r = 0; r < RULE_COUNT; r++) ruleStart[r + 1] += ruleStart[r];
  const room = ruleStart[RULE_COUNT];
  const pupil = new Int32Array(room);
  const value = new Float32Array(room);
  const outOf = new Uint16Array(room);
  const next = ruleStart.slice(0, RULE_COUNT);
  const sicknessDays = policy.sicknessReturn.days;
  const threeDays = policy.unexplainedAbsence.homeVisitOnDay;
  const continuousDays = policy.continuousAbsence.days;
  const deletionTable = codeSetTable(policy.deletionGround.codes);
  const deletionDays = policy.deletionGround.days;

  for (let i = 0; i < nameOrder.length; i++) {
    const p = nameOrder[i];
    for (let m = rules[p]; m !== 0; m &= m - 1) {
      const r = 31 - Math.clz32(m & -m);
      let figure: number;
      let of = 0;
      switch (r) {
        case PENALTY:
          figure = penaltyCount[p];
          break;
        case SICKNESS:
          figure = illnessDays(screen, p);
          if (figure < sicknessDays) continue;
          break;
        case TODAY:
          figure = nSessionsToday(screen, p);
          break;
        case THREE_DAYS:
          figure = unexplainedDays(screen, p);
          if (figure < threeDays) continue;
          break;
        case OVERDUE:
          figure = overdueNSessions(screen, p);
          break;
        case CONTINUOUS:
          figure = returnRunDays(screen, p);
          if (figure < continuousDays) continue;
          break;
        case DELETION:
          figure = runDays(screen, p, deletionTable);
          if (figure < deletionDays) continue;
          break;
        case LATENESS:
          figure = latenessCount[p];
          break;
        case BROKEN:
          figure = brokenWeeks[p];
          of = schoolWeeks[p];
          break;
        default:
          // Persistent, severe and at-risk absence: absence sessions out of possible.
          figure = absence[p];
          of = possible[p];
      }
      const row = next[r]++;
      pupil[row] = p;
      value[row] = figure;
      outOf[row] = of;
    }
  }

  // Close the gaps: rule r's rows move down to follow rule r - 1's.
  let size = 0;
  for (let r = 0; r < RULE_COUNT; r++) {
    const from = ruleStart[r];
    const length = next[r] - from;
    if (from !== size) {
      pupil.copyWithin(size, from, next[r]);
      value.copyWithin(size, from, next[r]);
      outOf.copyWithin(size, from, next[r]);
    }
    ruleStart[r] = size;
    size += length;
  }
  ruleStart[RULE_COUNT] = size;
  return new FindingTable(
    screen.query,
    ruleStart,
    pupil.subarray(0, size),
    value.subarray(0, size),
    outOf.subarray(0, size),
  );
}
