import { evaluateFindings } from '../../rules/findings/evaluateFindings.ts';
import { createEvaluationContext, type EvaluationContext } from '../../rules/findings/evaluationContext.ts';
import { type Finding } from '../../rules/findings/finding.ts';
import { type SchoolData } from './schoolData.ts';

export interface SchoolEvaluation {
  context: EvaluationContext;
  findings: readonly Finding[];
}

/**
 * Findings per school, as-of date and period start, worked out once and kept: a channel asking five
 * questions in a morning costs one evaluation. Bounded (least recently used goes first) because an officer
 * asking "as of" many dates across many schools would otherwise grow it without limit.
 */
export class FindingsCache {
  private readonly entries = new Map<string, SchoolEvaluation>();
  constructor(private readonly maxEntries = 64) {}

  evaluation(school: SchoolData, asOf: string, periodStart?: string): SchoolEvaluation {
    const key = `${school.urn}|${asOf}|${periodStart ?? ''}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const options = { asOf, policy: school.policy, periodStart };
    const evaluation = { context: createEvaluationContext(school.register, options), findings: evaluateFindings(school.register, options) };
    this.entries.set(key, evaluation);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return evaluation;
  }

  get size(): number {
    return this.entries.size;
  }
}
