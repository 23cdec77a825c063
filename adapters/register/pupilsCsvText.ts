import { type Pupil } from '../../rules/index.ts';
import { csvLine } from './csvText.ts';

/** A pupil as a bundle writes it: the roster's fields, with the MIS admission number when it is known. */
export type BundlePupil = Pupil & { adno?: string };

const SEN_LETTER = { none: 'N', support: 'K', ehcp: 'E' } as const;
const flag = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Y' : 'N');

/**
 * pupils.csv's text, as readPupilsCsv reads it back: the canonical columns (SEN as the census letter, the
 * flags as Y or N, blank where unknown), then `adno` and `home_la` only when some pupil has one, so a
 * bundle without them keeps the plain header. Every writer of a bundle goes through here, so a column
 * added to the roster cannot be dropped by one of them.
 */
export function pupilsCsvText(pupils: readonly BundlePupil[]): string {
  const withAdno = pupils.some((p) => p.adno !== undefined);
  const withHomeLa = pupils.some((p) => p.homeLa !== undefined);
  const header = [
    'upn',
    'given_name',
    'family_name',
    'date_of_birth',
    'year_group',
    'reg_group',
    'sen',
    'fsm',
    'social_worker',
    'looked_after',
    'young_carer',
    ...(withAdno ? ['adno'] : []),
    ...(withHomeLa ? ['home_la'] : []),
  ];
  const rows = pupils.map((p) =>
    csvLine([
      p.upn,
      p.givenName,
      p.familyName,
      p.dateOfBirth,
      p.yearGroup,
      p.regGroup ?? '',
      p.sen ? SEN_LETTER[p.sen] : '',
      flag(p.fsm),
      flag(p.socialWorker),
      flag(p.lookedAfter),
      flag(p.youngCarer),
      ...(withAdno ? [p.adno ?? ''] : []),
      ...(withHomeLa ? [p.homeLa ?? ''] : []),
    ]),
  );
  return `${header.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}
