import { type CohortFilter, type Finding, inCohort, pupilName } from '../../rules/index.ts';
import { listCard, type ListCardRow } from '../../cards/queries/listCard.ts';
import { type BotMessage, type ConversationInfo, type UserInfo } from '../host/featureHost.ts';
import { contextFilterRefusal, filtersText, privacyLabel, yearLabel } from './describeView.ts';
import { viewFinding } from './findingView.ts';
import { type ListedRule } from './listedRules.ts';
import { type QueryServices } from './queryServices.ts';
import { auditListShown, fitPage, listHeading, pageFields, pageStart } from './listPaging.ts';
import { encodeQueryToken, type QueryToken } from './queryToken.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';
import { type ScopedSchool } from './schoolScope.ts';
import { type SchoolData } from '../schools/schoolData.ts';

/** Rows per card. A page whose rows are unusually long is shrunk until the card fits Teams' 28 KB. */

export interface ListRequest {
  rule: ListedRule;
  token: QueryToken;
  /** 0-based index of the first row to show. */
  start: number;
  schools: ScopedSchool[];
  acrossSchools: boolean;
  conversation: ConversationInfo;
  user: UserInfo;
  /** The answer goes to the asker alone (a card refresh): label the view as theirs. */
  forViewerOnly?: boolean;
}

interface FoundRow extends ListCardRow {
  citation: string;
}

type Pupil = SchoolData['register']['pupils'][number];

interface Match {
  finding: Finding;
  pupil: Pupil;
  school: SchoolData;
  privacy: ScopedSchool['access']['privacy'];
}

/** Per register and per evaluation, built on first use and dropped with them: every list question needs both. */
const pupilIndexes = new WeakMap<readonly Pupil[], Map<string, Pupil>>();
const ruleIndexes = new WeakMap<readonly Finding[], Map<string, Finding[]>>();

function pupilsByUpn(pupils: readonly Pupil[]): Map<string, Pupil> {
  let index = pupilIndexes.get(pupils);
  if (!index) pupilIndexes.set(pupils, (index = new Map(pupils.map((p) => [p.upn, p]))));
  return index;
}

function findingsOfRule(findings: readonly Finding[], rule: string): readonly Finding[] {
  let index = ruleIndexes.get(findings);
  if (!index) {
    index = new Map();
    for (const finding of findings) {
      const list = index.get(finding.rule);
      if (list) list.push(finding);
      else index.set(finding.rule, [finding]);
    }
    ruleIndexes.set(findings, index);
  }
  return index.get(rule) ?? [];
}

/**
 * One page of the pupils a rule found, across the schools in scope, from the cached findings. Pupils are
 * listed in the rules' order (by name); a row keeps its school's privacy level.
 */
export async function answerList(services: QueryServices, request: ListRequest): Promise<BotMessage> {
  const { rule, token, schools, conversation } = request;
  const filter: CohortFilter = token.filters;
  const limited = schools.some((s) => s.access.privacy === 'limited');
  const refusal = contextFilterRefusal(limited, filter);
  if (refusal) return { text: refusal };
  // Only the page shown is turned into card rows: an authority-wide list can hold thousands of pupils.
  const matches: Match[] = [];
  const asOfDates = new Set<string>();
  for (const { school, access } of schools) {
    const asOf = token.asOf ?? school.asOf;
    asOfDates.add(asOf);
    const { findings } = services.cache.evaluation(school, asOf, token.from);
    const byUpn = pupilsByUpn(school.register.pupils);
    for (const finding of findingsOfRule(findings, rule.rule)) {
      const pupil = byUpn.get(finding.upn);
      if (!pupil || !inCohort(pupil, filter)) continue;
      matches.push({ finding, pupil, school, privacy: access.privacy });
    }
  }
  const toRow = ({ finding, pupil, school, privacy }: Match): FoundRow => {
    const view = viewFinding(finding, school.policy, privacy);
    return {
      name: request.acrossSchools ? `${pupilName(pupil)} · ${school.name}` : pupilName(pupil),
      year: yearLabel(pupil.yearGroup),
      figure: rule.figure(finding),
      why: view.reason,
      safeguarding: view.safeguarding,
      safeguardingStep: privacy === 'full' && finding.evidence.socialWorker === true ? finding.nextStep : '',
      citation: view.citation,
    };
  };
  const rows = { length: matches.length, slice: (from: number, to: number) => matches.slice(from, to).map(toRow) };
  const start = pageStart(request.start, rows.length);
  await auditListShown(services, request, { kind: token.kind, pupils: rows.length, start });
  const message = fitPage((size) => {
    const shown = rows.slice(start, start + size);
    const citations = [...new Set(shown.map((r) => r.citation))];
    return listCard({
      title: rule.title,
      countText: rule.countText(rows.length),
      ...listHeading(token, schools, asOfDates),
      privacyLabel: privacyLabel(limited ? 'limited' : 'full', conversation, request.forViewerOnly),
      filtersText: filtersText(filter),
      rows: shown.map(({ citation: _citation, ...row }) => row),
      count: rows.length,
      emptyText: rule.emptyText,
      citation: citations.length === 0 ? '' : `Source: ${citations.join('; ')}`,
      ...pageFields('Pupils', { total: rows.length, start, shown: shown.length, size }),
      queryToken: encodeQueryToken(token),
    });
  });
  return refreshForAuthorisedViewers(services, message, request, { query: encodeQueryToken(token), start });
}
