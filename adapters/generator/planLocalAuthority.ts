import { PHASE_PROFILES, type SchoolPhase } from './schoolPhase.ts';
import { type SchoolSpec } from './generateSchool.ts';
import { type GeneratorOptions } from './generatorOptions.ts';

const PLACES = [
  'Ashby Lane',
  'Brookfield',
  'Castle Hill',
  'Dene Park',
  'Elmwood',
  'Fairfield',
  'Greenbank',
  'Hollins',
  'Ivydale',
  'Juniper Row',
  'Kingsmead',
  'Larkrise',
  'Millbrook',
  'Northgate',
  'Oakridge',
  'Parkside',
  'Queensway',
  'Riverside',
  'Southfields',
  'Thornbury',
  'Upton Heath',
  'Valley Road',
  'Westcroft',
  'Yewtree',
  'Alder Vale',
  'Beacon Hill',
  'Clayfield',
  'Dovecote',
  'Eastholme',
  'Foxhollow',
];
const SAINTS = ['St Mary', 'St John', 'St Anne', 'St Peter', 'St Bede', 'St Aidan', 'St Chad', 'St Hilda'];

/** A school's name in the forms English schools use, unique within the authority. */
function schoolName(phase: SchoolPhase, index: number): string {
  const place = PLACES[index % PLACES.length];
  const round = Math.floor(index / PLACES.length);
  const suffix = round === 0 ? '' : ` ${round + 1}`;
  if (phase === 'secondary') return `${place} ${index % 2 === 0 ? 'Academy' : 'High School'}${suffix}`;
  if (index % 7 === 3) return `${SAINTS[index % SAINTS.length]}'s C of E Primary School${suffix}`;
  return `${place} ${index % 3 === 0 ? 'Primary School' : 'Primary Academy'}${suffix}`;
}

/** The folder name for a school: its name in lower case with dashes. */
export function schoolSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/'s\b/g, 's')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The schools of a generated authority. One school in five is a secondary (England has about 16,800
 * primaries and 3,400 secondaries), starting with the third, so three schools make two primaries and a
 * secondary. Pupils are shared out by phase size (a secondary about 3.5 times a primary), and policy
 * profiles are taken in turn from the list given.
 */
export function planLocalAuthority(options: GeneratorOptions): SchoolSpec[] {
  const phases: SchoolPhase[] = Array.from({ length: options.schools }, (_, i) =>
    i % 5 === 2 ? 'secondary' : 'primary',
  );
  const weights = phases.map((p) => PHASE_PROFILES[p].sizeWeight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((options.pupils * w) / totalWeight));
  for (
    let i = 0, left = options.pupils - sizes.reduce((a, b) => a + b, 0);
    left > 0;
    i = (i + 1) % sizes.length, left--
  )
    sizes[i]++;
  const estabCounters: Record<SchoolPhase, number> = { primary: 0, secondary: 0 };
  return phases.map((phase, i) => {
    estabCounters[phase]++;
    const name = schoolName(phase, i);
    return {
      school: {
        urn: String(150_000 + i * 37),
        name,
        localAuthority: options.localAuthority,
        policy: options.policies[i % options.policies.length],
      },
      phase,
      laCode: options.laCode,
      estab: String(PHASE_PROFILES[phase].estabBase + estabCounters[phase]),
      pupils: sizes[i],
      startYear: options.year,
      through: options.through,
      scenarios: options.scenarios,
    };
  });
}
