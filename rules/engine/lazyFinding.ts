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
   * The finding's parts, built on the first call and kept (in place of the builder's inputs, which are
   * let go) for every later read. The accessors stay: redefining the three keys as data properties was
   * measured at about 5 µs a finding (each object leaves its shared hidden class), more than building the
   * parts; a read through the kept accessor is a field load.
   */
  static materialise(finding: object): FindingParts {
    const self = finding as PendingParts & Finding;
    const build = self.#build;
    if (build === null) return self.#source as FindingParts;
    const parts = build(self.#source, self.#p, self.rule);
    self.#build = null;
    self.#source = parts;
    return parts;
  }
}

// One descriptor (so one getter function) for every lazy finding: objects that share accessor functions
// share a hidden class, which keeps them fast. A write builds the parts (so the other two keep their
// values) and then makes the written key a plain data property in place, as assigning to an eager
// finding would.
function lazyDescriptor(key: keyof FindingParts): PropertyDescriptor {
  return {
    get(this: object) {
      return PendingParts.materialise(this)[key];
    },
    set(this: object, value: unknown) {
      PendingParts.materialise(this);
      Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
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
 * step are built by `build(source, p, rule)` on first read of any of them, once; every later read returns
 * the same values. It is a plain object (Object.prototype) with the same enumerable own keys in the same
 * order as engineFinding's, so Object.keys, JSON.stringify, spread, structuredClone and toEqual cannot
 * tell it from an eager one. Until read it holds only `source` (shared) and `p`.
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
