import { type Citation } from '../findings/citation.ts';

/**
 * Every document the rules cite: the national guidance and law, and each local authority's or school's
 * policy a profile encodes. A citation names a source by its title (as a person would read it) and the
 * paragraph or section; this register says who published it, when, and where the public can read it.
 * An address is given only where the document is published at a known public address.
 */
export interface Source {
  /** The title a citation shows, e.g. "Bramhall High School (Stockport), Attendance Policy (2024)". */
  title: string;
  publisher: string;
  /** When it was published or took effect, in words. */
  date: string;
  /** Where the public can read it, where it is published at a known address. */
  address?: string;
  /** National sources may be cited by any profile; a local one only by its own profile. */
  scope: 'national' | 'local';
}

const SOURCE_LIST = {
  wtisa: {
    title: 'DfE, Working together to improve school attendance (statutory guidance, August 2024)',
    publisher: 'Department for Education',
    date: 'August 2024 (statutory from 19 August 2024)',
    address: 'https://www.gov.uk/government/publications/working-together-to-improve-school-attendance',
    scope: 'national',
  },
  regs2024: {
    title: 'School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208)',
    publisher: 'UK Parliament (statutory instrument)',
    date: 'in force from 19 August 2024',
    address: 'https://www.legislation.gov.uk/uksi/2024/208',
    scope: 'national',
  },
  penaltyRegs: {
    title: 'Education (Penalty Notices) (England) Regulations 2007, as amended in 2024 (SI 2024/210)',
    publisher: 'UK Parliament (statutory instruments)',
    date: '2007; amended from 19 August 2024',
    address: 'https://www.legislation.gov.uk/uksi/2007/1867',
    scope: 'national',
  },
  methodology: {
    title: 'DfE, Pupil absence in schools in England: methodology',
    publisher: 'Department for Education (Explore Education Statistics)',
    date: 'as last updated',
    address: 'https://explore-education-statistics.service.gov.uk/methodology/pupil-absence-in-schools-in-england',
    scope: 'national',
  },
  educationAct: {
    title: 'Education Act 1996',
    publisher: 'UK Parliament',
    date: '1996, as amended',
    address: 'https://www.legislation.gov.uk/ukpga/1996/56',
    scope: 'national',
  },
  derby: {
    title: 'Derby City Council, Working Together to Improve School Attendance policy (2025)',
    publisher: 'Derby City Council',
    date: '2025',
    scope: 'local',
  },
  dudleyStJames: {
    title: 'St James’s C of E Primary School (Dudley), Attendance Policy (2024)',
    publisher: 'St James’s C of E Primary School; written by Stourbridge Learning Partners headteachers',
    date: 'ratified 1 September 2024',
    scope: 'local',
  },
  nottingham: {
    title: 'Nottingham City Council, Working Together to Improve School Attendance (briefing slides, 2024)',
    publisher: 'Nottingham City Council',
    date: '2024',
    scope: 'local',
  },
  centralBedfordshire: {
    title: 'Central Bedfordshire Council, Attendance Strategy 2023-2028',
    publisher: 'Central Bedfordshire Council, Children’s Services',
    date: '15 June 2023',
    scope: 'local',
  },
  stockportBramhall: {
    title: 'Bramhall High School (Stockport), Attendance Policy (2024)',
    publisher: 'Bramhall High School, Stockport',
    date: '2024 (for review September 2025)',
    scope: 'local',
  },
} as const satisfies Record<string, Source>;

/** A source's key in the register: what a profile names as its own document. */
export type SourceId = keyof typeof SOURCE_LIST;

/** The register, frozen: every source by its key. */
export const SOURCES: Readonly<Record<SourceId, Readonly<Source>>> = Object.freeze(
  Object.fromEntries(Object.entries(SOURCE_LIST).map(([id, s]) => [id, Object.freeze({ ...s })])) as Record<
    SourceId,
    Readonly<Source>
  >,
);

export const SOURCE_IDS = Object.freeze(Object.keys(SOURCE_LIST) as SourceId[]);

/**
 * A citation of a source in the register: its title and the paragraph or section.
 *
 * @example
 * cite('stockportBramhall', 'Appendix A, Stage 2')
 * // => { source: 'Bramhall High School (Stockport), Attendance Policy (2024)', where: 'Appendix A, Stage 2' }
 */
export function cite(id: SourceId, where: string): Citation {
  return { source: SOURCES[id].title, where };
}

/**
 * The sources a citation names. Most name one; a few name two, joined with "; " (the guidance and the
 * regulations behind one rule). Unknown titles come back as undefined, so a test can catch them.
 *
 * @example
 * citedSources({ source: SOURCES.wtisa.title + '; ' + SOURCES.regs2024.title, where: '…' })
 * // => [SOURCES.wtisa, SOURCES.regs2024]
 */
export function citedSources(citation: Citation): (Readonly<Source> | undefined)[] {
  return citation.source.split('; ').map((title) => Object.values(SOURCES).find((s) => s.title === title));
}
