import { codeSetTable } from '../codes/codeCategories.ts';
import { RULE_IDS, type Finding, type RuleId } from '../findings/finding.ts';
import { type School } from '../register/register.ts';
import { illnessDays, nSessionsToday, overdueNSessions, runDays, unexplainedDays } from './candidateChecks.ts';
import { findingBuilder, type FindingBuilder } from './findingBuilder.ts';
import { RULE_BIT, type PupilScreen } from './screenPupils.ts';

const RULE_COUNT = RULE_IDS.length;
// Module-level copies: under tsx every read of an imported binding is a getter call.
const BITS = RULE_IDS.map((rule) => RULE_BIT[rule]);
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
  readonly screen: PupilScreen;
  /** Rows of rule RULE_IDS[r] are ruleStart[r] to ruleStart[r + 1]. */
  readonly ruleStart: Int32Array;
  readonly pupil: Int32Array;
  readonly value: Float64Array;
  readonly outOf: Int32Array;
  #builder: FindingBuilder | null = null;

  constructor(screen: PupilScreen, ruleStart: Int32Array, pupil: Int32Array, value: Float64Array, outOf: Int32Array) {
    this.screen = screen;
    this.ruleStart = ruleStart;
    this.pupil = pupil;
    this.value = value;
    this.outOf = outOf;
  }

  get school(): School {
    return this.screen.query.index.register.school;
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
    let r = 0;
    while (this.ruleStart[r + 1] <= row) r++;
    return RULE_IDS[r];
  }

  /** The finding of row `row`, built now: exactly what evaluateFindings gives for that pupil and rule. */
  finding(row: number): Finding {
    if (!(row >= 0 && row < this.size)) throw new RangeError(`row ${row} is outside this table of ${this.size} findings`);
    this.#builder ??= findingBuilder(this.screen);
    return this.#builder(this.ruleOf(row), this.pupil[row]);
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
 * candidate checks decide, reading only that pupil's marks.
 */
export function tabulateFindings(screen: PupilScreen): FindingTable {
  const { nameOrder } = screen.query.index;
  const { policy } = screen.query;
  const rows: number[][] = RULE_IDS.map(() => []);
  const values: number[][] = RULE_IDS.map(() => []);
  const outOf: number[][] = RULE_IDS.map(() => []);
  const rules = screen.rules;
  const bits = BITS;
  const sicknessDays = policy.sicknessReturn.days;
  const threeDays = policy.unexplainedAbsence.homeVisitOnDay;
  const continuousTable = codeSetTable(policy.continuousAbsence.codes);
  const continuousDays = policy.continuousAbsence.days;
  const deletionTable = codeSetTable(policy.deletionGround.codes);
  const deletionDays = policy.deletionGround.days;

  for (let i = 0; i < nameOrder.length; i++) {
    const p = nameOrder[i];
    const mask = rules[p];
    if (mask === 0) continue;
    for (let r = 0; r < RULE_COUNT; r++) {
      if ((mask & bits[r]) === 0) continue;
      let value: number;
      let of = 0;
      switch (r) {
        case PENALTY:
          value = screen.penaltyCount[p];
          break;
        case SICKNESS:
          value = illnessDays(screen, p);
          if (value < sicknessDays) continue;
          break;
        case TODAY:
          value = nSessionsToday(screen, p);
          break;
        case THREE_DAYS:
          value = unexplainedDays(screen, p);
          if (value < threeDays) continue;
          break;
        case OVERDUE:
          value = overdueNSessions(screen, p);
          break;
        case CONTINUOUS:
          value = runDays(screen, p, continuousTable);
          if (value < continuousDays) continue;
          break;
        case DELETION:
          value = runDays(screen, p, deletionTable);
          if (value < deletionDays) continue;
          break;
        case LATENESS:
          value = screen.latenessCount[p];
          break;
        case BROKEN:
          value = screen.brokenWeeks[p];
          of = screen.schoolWeeks[p];
          break;
        default:
          // Persistent, severe and at-risk absence: absence sessions out of possible.
          value = screen.absence[p];
          of = screen.possible[p];
      }
      rows[r].push(p);
      values[r].push(value);
      outOf[r].push(of);
    }
  }

  const ruleStart = new Int32Array(RULE_COUNT + 1);
  for (let r = 0; r < RULE_COUNT; r++) ruleStart[r + 1] = ruleStart[r] + rows[r].length;
  const size = ruleStart[RULE_COUNT];
  const pupil = new Int32Array(size);
  const value = new Float64Array(size);
  const outOfColumn = new Int32Array(size);
  for (let r = 0; r < RULE_COUNT; r++) {
    pupil.set(rows[r], ruleStart[r]);
    value.set(values[r], ruleStart[r]);
    outOfColumn.set(outOf[r], ruleStart[r]);
  }
  return new FindingTable(screen, ruleStart, pupil, value, outOfColumn);
}
