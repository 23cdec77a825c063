import { type Citation } from '../findings/citation.ts';
import { type Finding, type RuleId } from '../findings/finding.ts';
import { type Pupil } from '../pupils/pupil.ts';

/** The costly part of a finding: its wording and its evidence. */
export interface FindingParts {
  reason: string;
  evidence: Record<string, unknown>;
  nextStep: string;
}

/**
 * Builds the costly parts of one finding when they are first read. `source` is whatever the builder
 * shares across a query (the screen, the penalty window); `p` is the pupil's row in the register.
 */
export type FindingPartsBuilder<S> = (source: S, p: number, rule: RuleId) => FindingParts;

// A base class whose constructor hands back the object it is given, so that a subclass's private fields
// can be put on a plain object literal: the finding keeps Object.prototype and only its nine enumerable
// keys, while what the lazy parts need stays out of sight of Object.keys, JSON.stringify, spread and
// toEqual.
class Adopt {
  constructor(target: object) {
    return target as Adopt;
  }
}

class PendingParts extends Adopt {
  #build: FindingPartsBuilder<unknown> | null;
  #source: unknown;
  #p: number;

  constructor(target: object, build: FindingPartsBuilder<unknown>, source: unknown, p: number) {
    super(target);
    this.#build = build;
    this.#source = source;
    this.#p = p;
  }

  /**
   * Builds the parts once and puts them on the finding as plain data properties (in place, so the key
   * order stays that of an eager finding), then lets go of the builder's inputs.
   */
  static materialise(finding: object): FindingParts {
    const self = finding as PendingParts & Finding;
    const build = self.#build;
    if (build === null) return self; // already data properties; only reachable through a stale getter reference
    const parts = build(self.#source, self.#p, self.rule);
    self.#build = null;
    self.#source = null;
    Object.defineProperty(self, 'reason', { value: parts.reason, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(self, 'evidence', { value: parts.evidence, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(self, 'nextStep', { value: parts.nextStep, writable: true, enumerable: true, configurable: true });
    return parts;
  }
}

// One descriptor (so one getter function) for every lazy finding: objects that share accessor functions
// share a hidden class, which keeps them fast. A write before the first read materialises first, then
// overwrites, as a data property would.
function lazyDescriptor(key: keyof FindingParts): PropertyDescriptor {
  return {
    get(this: object) {
      return PendingParts.materialise(this)[key];
    },
    set(this: object, value: unknown) {
      PendingParts.materialise(this);
      (this as Record<string, unknown>)[key] = value;
    },
    enumerable: true,
    configurable: true,
  };
}
const REASON = lazyDescriptor('reason');
const EVIDENCE = lazyDescriptor('evidence');
const NEXT_STEP = lazyDescriptor('nextStep');

/**
 * A finding whose identity (pupil, rule, citation, episode) is set now and whose reason, evidence and next
 * step are built by `build(source, p, rule)` on first read of any of them, once. It is a plain object with
 * the same keys in the same order as engineFinding's, so consumers cannot tell it from an eager one; until
 * then it holds only `source` (shared) and `p`.
 */
export function lazyFinding<S>(pupil: Pupil, rule: RuleId, citation: Citation, episode: string, build: FindingPartsBuilder<S>, source: S, p: number): Finding {
  const finding = {
    upn: pupil.upn,
    pupilName: `${pupil.givenName} ${pupil.familyName}`,
    yearGroup: pupil.yearGroup,
    rule,
  } as Finding;
  Object.defineProperty(finding, 'reason', REASON);
  Object.defineProperty(finding, 'evidence', EVIDENCE);
  Object.defineProperty(finding, 'nextStep', NEXT_STEP);
  finding.citation = citation;
  finding.episode = episode;
  new PendingParts(finding, build as FindingPartsBuilder<unknown>, source, p);
  return finding;
}
