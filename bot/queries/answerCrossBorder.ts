import { crossBorderCard, type CrossBorderCardRow } from '../../cards/queries/crossBorderCard.ts';
import {
  type CohortFilter,
  dutyHolders,
  type Finding,
  inCohort,
  laName,
  type Pupil,
  pupilName,
  residenceOf,
} from '../../rules/index.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { contextFilterRefusal, filtersText, privacyLabel, yearLabel } from './describeView.ts';
import { citationText, hiddenInView } from './findingView.ts';
import { RULE_TITLES } from './listedRules.ts';
import { type QueryServices } from './queryServices.ts';
import { encodeQueryToken } from './queryToken.ts';
import { auditListShown, fitPage, listHeading, pageFields, pageStart } from './listPaging.ts';
import { type RecordListRequest } from './recordListRequest.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';
import { type ScopedSchool } from './schoolScope.ts';

interface Entry {
  pupil: Pupil;
  school: SchoolData;
  privacy: ScopedSchool['access']['privacy'];
  homeLa: string;
  schoolLa: string;
  findings: Finding[];
}

/** The duties a finding's evidence names for a cross-border pupil (`withCrossBorder` in the rules). */
interface DutyEvidence {
  duty: string;
  how: string;
}

function dutiesOf(finding: Finding): DutyEvidence[] {
  const crossBorder = finding.evidence.crossBorder as { duties?: DutyEvidence[] } | undefined;
  return crossBorder?.duties ?? [];
}

/** "Penalty notice (penalty threshold): The School LA, under its own code of conduct." for each duty now. */
function actsNow(entry: Entry): { lines: { line: string }[]; hidden: boolean } {
  const shown = entry.findings.filter((f) => !hiddenInView(f, entry.privacy));
  const lines: { line: string }[] = [];
  for (const finding of shown) {
    for (const d of dutiesOf(finding)) {
      const line = `${d.duty} (${RULE_TITLES[finding.rule].toLowerCase()}): ${d.how}`;
      if (!lines.some((l) => l.line === line)) lines.push({ line });
    }
  }
  return { lines, hidden: shown.length < entry.findings.length };
}

function toRow(entry: Entry, acrossSchools: boolean): CrossBorderCardRow {
  const { pupil, school } = entry;
  const { lines, hidden } = actsNow(entry);
  return {
    name: acrossSchools ? `${pupilName(pupil)} · ${school.name}` : pupilName(pupil),
    year: yearLabel(pupil.yearGroup),
    lives: `Lives in ${laName(entry.homeLa)}, the Home LA; the school is in ${laName(entry.schoolLa, school.localAuthority)}, the School LA`,
    acts: lines,
    noneText: 'No finding now calls on either authority; when one does, the list below says which acts.',
    safeguarding: hidden,
  };
}

/**
 * "Which pupils live in another local authority?": pupils whose home LA (the roster's `home_la`) is not
 * the school's (`laCode` in school.json), each with who acts on their findings now, then which authority
 * acts for what under the profile (Derby City Council's policy, Section 4, paras 47-51, restating the
 * national guidance). A pupil whose home LA the roster does not give is not listed, and the card says how
 * many; a school without its LA number cannot say who lives elsewhere, and the card says that too.
 */
export async function answerCrossBorder(services: QueryServices, request: RecordListRequest): Promise<BotMessage> {
  const { token, schools, conversation } = request;
  const filter: CohortFilter = token.filters;
  const limited = schools.some((s) => s.access.privacy === 'limited');
  const refusal = contextFilterRefusal(limited, filter);
  if (refusal) return { text: refusal };
  const entries: Entry[] = [];
  const notes: { text: string }[] = [];
  const asOfDates = new Set<string>();
  const named = (school: SchoolData) => (schools.length > 1 ? `${school.name}: ` : '');
  for (const { school, access } of schools) {
    const asOf = token.asOf ?? school.asOf;
    asOfDates.add(asOf);
    if (!school.register.school.laCode) {
      notes.push({
        text: `${named(school)}the school's local authority number is not set in its details, so I can't tell which pupils live in another authority.`,
      });
      continue;
    }
    const { findings } = services.cache.evaluation(school, asOf);
    const byUpn = new Map<string, Finding[]>();
    for (const f of findings) {
      if (f.evidence.crossBorder === undefined) continue;
      const list = byUpn.get(f.upn);
      if (list) list.push(f);
      else byUpn.set(f.upn, [f]);
    }
    let unknown = 0;
    for (const pupil of school.register.pupils) {
      if (!inCohort(pupil, filter)) continue;
      const residence = residenceOf(pupil, school.register.school);
      if (residence.kind === 'unknown') unknown++;
      if (residence.kind !== 'cross-border') continue;
      entries.push({
        pupil,
        school,
        privacy: access.privacy,
        homeLa: residence.homeLa,
        schoolLa: residence.schoolLa,
        findings: byUpn.get(pupil.upn) ?? [],
      });
    }
    if (unknown > 0)
      notes.push({
        text: `${named(school)}${unknown === 1 ? '1 pupil has' : `${unknown} pupils have`} no home local authority on the roster and ${unknown === 1 ? 'is' : 'are'} not listed.`,
      });
  }
  entries.sort(
    (a, b) =>
      a.pupil.familyName.localeCompare(b.pupil.familyName) ||
      a.pupil.givenName.localeCompare(b.pupil.givenName) ||
      a.school.name.localeCompare(b.school.name),
  );
  const start = pageStart(request.start, entries.length);
  await auditListShown(services, request, { kind: 'cross-border-pupils', pupils: entries.length, start });
  const policies = [...new Map(schools.map(({ school }) => [school.policy.id, school.policy])).values()];
  // The duties are the same under every profile; only where each profile says so differs.
  const duties = dutyHolders(policies[0]).map((d) => ({ what: d.what, how: d.how }));
  const citations = [
    ...new Set(
      policies.flatMap((p) => [citationText(p.crossBorder.citation), citationText(p.crossBorder.enquiriesCitation)]),
    ),
  ];
  const queryToken = encodeQueryToken(token);
  const message = fitPage((size) => {
    const shown = entries.slice(start, start + size);
    return crossBorderCard({
      title: 'Pupils living in another local authority',
      countText: `${entries.length === 1 ? '1 pupil lives' : `${entries.length} pupils live`} outside the school's local authority.`,
      ...listHeading(token, schools, asOfDates),
      privacyLabel: privacyLabel(limited ? 'limited' : 'full', conversation, request.forViewerOnly),
      filtersText: filtersText(filter),
      rows: shown.map((e) => toRow(e, request.acrossSchools)),
      count: entries.length,
      emptyText: 'No pupil on the roster lives in another local authority.',
      citation: `Source: ${citations.join('; ')}`,
      ...pageFields('Pupils', { total: entries.length, start, shown: shown.length, size }),
      queryToken,
      duties,
      notes,
    });
  });
  return refreshForAuthorisedViewers(services, message, request, { query: queryToken, start });
}
