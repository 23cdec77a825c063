import { type CrossBorderDuty, dutyHolders, laName, residenceOf } from '../../rules/index.ts';
import { citationText } from './citationText.ts';
import { type WalkContext } from './walkthrough.ts';

/** A conclusion's section naming who acts, and the source that says so. */
export interface WhoActs {
  section: { title: string; lines: string[] };
  citation: string;
}

/** "The School LA" and "the Home LA" in a duty's wording, each followed by the authority's name. */
function named(how: string, schoolLa: string, homeLa: string): string {
  return how
    .replace(/^The School LA/, `The School LA, ${schoolLa}`)
    .replace(/the Home LA\./i, (m) => `${m.slice(0, -1)}, ${homeLa}.`)
    .replace(/the Home LA (?=\w)/i, (m) => `${m.trimEnd()}, ${homeLa}, `);
}

/**
 * For a pupil who lives in another local authority, which authority takes each of these steps, as the
 * school's profile says (Derby City Council's policy, Section 4, paras 47-51, restating the national
 * guidance): penalty notices and prosecution by the School LA under its own code of conduct, the Home LA
 * told of a prosecution; alternative provision by the Home LA. Undefined for a pupil who lives in the
 * school's own authority, or when the roster or school details do not say.
 */
export function whoActs(context: WalkContext, duties: readonly CrossBorderDuty[]): WhoActs | undefined {
  const { school, pupil } = context;
  if (!pupil) return undefined;
  const residence = residenceOf(pupil, school.register.school);
  if (residence.kind !== 'cross-border') return undefined;
  const holders = dutyHolders(school.policy).filter((d) => duties.includes(d.duty));
  if (holders.length === 0) return undefined;
  const homeLa = laName(residence.homeLa);
  const schoolLa = laName(residence.schoolLa, school.localAuthority);
  return {
    section: {
      title: 'Who acts: the pupil lives in another local authority',
      lines: [
        `The pupil lives in ${homeLa} (the Home LA) and attends school in ${schoolLa} (the School LA).`,
        ...holders.map((d) => `${d.what}: ${named(d.how, schoolLa, homeLa)}`),
      ],
    },
    citation: citationText(school.policy.crossBorder.citation),
  };
}
