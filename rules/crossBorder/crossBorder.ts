import { type Citation } from '../findings/citation.ts';
import { type PolicyProfile } from '../policies/policyProfile.ts';
import { type Pupil } from '../pupils/pupil.ts';
import { type School } from '../register/register.ts';
import { localAuthorityNameOf } from './localAuthorityNumbers.ts';

/** A DfE local authority number: three digits, as in the first part of a school's LAESTAB. */
export const LA_CODE = /^\d{3}$/;

export type Residence =
  | { kind: 'same-authority'; laCode: string }
  | { kind: 'cross-border'; homeLa: string; schoolLa: string }
  /** The roster or school.json does not say enough to tell. */
  | { kind: 'unknown'; why: string };

/** Whether the pupil lives in the school's own local authority, another one, or the data cannot say. */
export function residenceOf(pupil: Pick<Pupil, 'homeLa'>, school: Pick<School, 'laCode'>): Residence {
  if (!pupil.homeLa) return { kind: 'unknown', why: 'the roster does not give the pupil’s home local authority' };
  if (!school.laCode) return { kind: 'unknown', why: 'the school’s local authority number is not set' };
  return pupil.homeLa === school.laCode
    ? { kind: 'same-authority', laCode: school.laCode }
    : { kind: 'cross-border', homeLa: pupil.homeLa, schoolLa: school.laCode };
}

/** The duties that split between the two authorities for a cross-border pupil. */
export const CROSS_BORDER_DUTIES = [
  'penalty-notice',
  'prosecution',
  'education-supervision-order',
  'parenting-order',
  'school-attendance-order',
  'alternative-provision',
  'ehc-plan',
  'social-care',
  'early-help',
  'missing-child-enquiries',
  'child-missing-education',
] as const;
export type CrossBorderDuty = (typeof CROSS_BORDER_DUTIES)[number];

export interface DutyHolder {
  duty: CrossBorderDuty;
  /** What the duty is, in words. */
  what: string;
  /** Who acts: the School LA, the Home LA, or both by agreement. */
  acts: 'school-la' | 'home-la' | 'both';
  /** Who acts, in a sentence a person can follow. */
  how: string;
  citation: Citation;
}

/**
 * Who acts for a pupil who lives in one authority and attends school in another. The national guidance
 * splits the duties this way and Derby City Council's policy restates it (Section 4, paras 47-51): penalty
 * notices and prosecution by the School LA under its own code of conduct; support, social care and school
 * attendance orders by the Home LA; supervision and parenting orders agreed between the two.
 */
export function dutyHolders(policy: PolicyProfile): readonly DutyHolder[] {
  const { citation, enquiriesCitation } = policy.crossBorder;
  const row = (duty: CrossBorderDuty, what: string, acts: DutyHolder['acts'], how: string, c = citation) => ({
    duty,
    what,
    acts,
    how,
    citation: c,
  });
  return [
    row('penalty-notice', 'Penalty notice', 'school-la', 'The School LA, under its own code of conduct.'),
    row(
      'prosecution',
      'Prosecution',
      'school-la',
      'The School LA, telling the Home LA that legal action is being taken.',
    ),
    row(
      'education-supervision-order',
      'Education supervision order',
      'both',
      'Agreed between both authorities before anyone applies; usually the Home LA is the designated authority.',
    ),
    row('parenting-order', 'Parenting order', 'both', 'Both authorities agree who is the responsible officer.'),
    row('school-attendance-order', 'School attendance order', 'home-la', 'The Home LA.'),
    row('alternative-provision', 'Alternative provision', 'home-la', 'The Home LA.'),
    row('ehc-plan', 'Education, health and care plan', 'home-la', 'The Home LA.'),
    row('social-care', 'Children’s social care, including looked-after children', 'home-la', 'The Home LA.'),
    row('early-help', 'Early help', 'home-la', 'The Home LA.'),
    row(
      'missing-child-enquiries',
      'Reasonable enquiries for a pupil who has not returned',
      'both',
      'The school and the School LA jointly, liaising with the Home LA.',
      enquiriesCitation,
    ),
    row(
      'child-missing-education',
      'Child missing education, after deletion from the register',
      'home-la',
      'The Home LA investigates.',
      enquiriesCitation,
    ),
  ];
}

/** The duties a finding about this rule leads to, for a cross-border pupil. */
const DUTIES_BY_RULE: Readonly<Record<string, readonly CrossBorderDuty[]>> = Object.freeze({
  'penalty-threshold': ['penalty-notice', 'prosecution'],
  'severe-absence': ['early-help', 'social-care', 'education-supervision-order'],
  'persistent-absence': ['early-help', 'education-supervision-order'],
  'unexplained-3-days': ['missing-child-enquiries'],
  'continuous-unauthorised-10-days': ['missing-child-enquiries', 'child-missing-education'],
  'deletion-ground-20-days': ['missing-child-enquiries', 'child-missing-education'],
  'part-time-ehcp-la-not-told': ['ehc-plan'],
  'part-time-social-worker-not-told': ['social-care'],
});

/** Which duties bear on a finding of `rule`, for a cross-border pupil; empty when none split. */
export function dutiesForRule(rule: string, policy: PolicyProfile): readonly DutyHolder[] {
  const wanted = DUTIES_BY_RULE[rule] ?? [];
  return dutyHolders(policy).filter((d) => wanted.includes(d.duty));
}

/**
 * "Derbyshire (LA 830)": an authority by name and number. The name the school's own records give wins (for
 * the School LA), else the DfE's name for the number; "LA 830" alone only for a number no list holds.
 */
export function laName(code: string, schoolLaName?: string): string {
  const name = schoolLaName ?? localAuthorityNameOf(code);
  return name ? `${name} (LA ${code})` : `LA ${code}`;
}

interface FindingLike {
  rule: string;
  evidence: Record<string, unknown>;
  nextStep: string;
}

/**
 * A finding with who acts added, when the pupil is cross-border and the rule leads to a duty that the two
 * authorities split; otherwise the finding unchanged. The evidence gains `crossBorder` (both authorities and
 * each duty's holder) and the next step a sentence naming who acts.
 */
export function withCrossBorder<F extends FindingLike>(
  finding: F,
  pupil: Pick<Pupil, 'homeLa'>,
  school: Pick<School, 'laCode' | 'localAuthority'>,
  policy: PolicyProfile,
): F {
  const residence = residenceOf(pupil, school);
  if (residence.kind !== 'cross-border') return finding;
  const duties = dutiesForRule(finding.rule, policy);
  const homeLa = laName(residence.homeLa);
  const schoolLa = laName(residence.schoolLa, school.localAuthority);
  const crossBorder = {
    homeLa: residence.homeLa,
    schoolLa: residence.schoolLa,
    duties: duties.map((d) => ({ duty: d.what, acts: d.acts, how: d.how, citation: d.citation })),
  };
  const who = duties.map((d) => `${d.what}: ${d.how.replace(/\.$/, '')}`).join('; ');
  const sentence = duties.length
    ? ` Cross-border pupil (lives in ${homeLa}, school in ${schoolLa}). ${who}.`
    : ` Cross-border pupil (lives in ${homeLa}, school in ${schoolLa}).`;
  return { ...finding, evidence: { ...finding.evidence, crossBorder }, nextStep: `${finding.nextStep}${sentence}` };
}
