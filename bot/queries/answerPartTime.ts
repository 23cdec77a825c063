import { partTimeCard, type PartTimeCardRow } from '../../cards/queries/partTimeCard.ts';
import {
  type CohortFilter,
  effectiveEnd,
  type Finding,
  formatLongDate,
  inCohort,
  isInPlaceOn,
  type IsoDate,
  lastReviewBy,
  type PartTimeTimetable,
  type Pupil,
  pupilName,
  toDayNumber,
  weeklySessionWords,
} from '../../rules/index.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { contextFilterRefusal, filtersText, plural, privacyLabel, yearLabel } from './describeView.ts';
import { citationText, hiddenInView, viewFinding } from './findingView.ts';
import { RULE_TITLES } from './listedRules.ts';
import { type QueryServices } from './queryServices.ts';
import { encodeQueryToken } from './queryToken.ts';
import { auditListShown, fitPage, listHeading, pageFields, pageStart } from './listPaging.ts';
import { type RecordListRequest } from './recordListRequest.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';
import { type ScopedSchool } from './schoolScope.ts';

/** Every timetable in place, or only those whose review is due, overdue or not set. */
export type PartTimeListKind = 'part-time-timetables' | 'part-time-reviews';

const REVIEW_RULES: ReadonlySet<string> = new Set(['part-time-review-due', 'part-time-review-overdue']);

interface Entry {
  timetable: PartTimeTimetable;
  pupil: Pupil;
  school: SchoolData;
  privacy: ScopedSchool['access']['privacy'];
  asOf: IsoDate;
  /** The rules' findings about this timetable, and the pupil's C2 marks no agreed timetable covers. */
  findings: Finding[];
}

const WORDING: Record<PartTimeListKind, { title: string; countText: (n: number) => string; emptyText: string }> = {
  'part-time-timetables': {
    title: 'Part-time timetables in place',
    countText: (n) =>
      `${n === 1 ? '1 pupil is' : `${n} pupils are`} on a temporary part-time timetable (leave recorded as C2).`,
    emptyText: 'No pupil is on a part-time timetable on this date.',
  },
  'part-time-reviews': {
    title: 'Part-time timetable reviews due',
    countText: (n) =>
      `${n === 1 ? '1 timetable is' : `${n} timetables are`} due a review soon, overdue one, or have no review date set.`,
    emptyText: 'No part-time timetable review is due, overdue or unset.',
  },
};

/** Finds whose episode belongs to this timetable (each starts with the timetable's start date). */
function ofTimetable(findings: readonly Finding[], t: PartTimeTimetable): Finding[] {
  return findings.filter(
    (f) =>
      f.upn === t.upn &&
      (f.rule === 'part-time-c2-not-agreed' ||
        (f.rule.startsWith('part-time-') && f.episode?.startsWith(`${t.start}:`))),
  );
}

function endsText(t: PartTimeTimetable, asOf: IsoDate): string {
  const end = effectiveEnd(t);
  const extendedAt = [...t.reviews].reverse().find((r) => r.extendedTo === end && end !== t.proposedEnd);
  const extended = extendedAt ? ` (extended at the review on ${formatLongDate(extendedAt.on)})` : '';
  const days = toDayNumber(asOf) - toDayNumber(end);
  const passed = days > 0 ? `: passed ${days === 1 ? 'yesterday' : `${days} days ago`}` : days === 0 ? ': today' : '';
  return `${formatLongDate(end)}${extended}${passed}`;
}

function agreedText(t: PartTimeTimetable, asOf: IsoDate): string {
  const school = t.schoolAgreedOn !== undefined && t.schoolAgreedOn <= asOf ? t.schoolAgreedOn : undefined;
  const parent = t.parentAgreedOn !== undefined && t.parentAgreedOn <= asOf ? t.parentAgreedOn : undefined;
  if (school && parent) return `by the school on ${formatLongDate(school)} and the parent on ${formatLongDate(parent)}`;
  if (school) return `by the school on ${formatLongDate(school)}; not yet by the parent the pupil lives with`;
  if (parent) return `by the parent on ${formatLongDate(parent)}; not yet by the school`;
  return 'not yet by the school or the parent the pupil lives with';
}

function reviewText(t: PartTimeTimetable, asOf: IsoDate): string {
  const last = lastReviewBy(t, asOf);
  const held = last ? `; last held ${formatLongDate(last.on)}` : '; none held yet';
  if (t.nextReview === undefined) return `no date set${held}`;
  const days = toDayNumber(t.nextReview) - toDayNumber(asOf);
  const reviewedSince = t.reviews.some((r) => r.on >= t.nextReview! && r.on <= asOf);
  const when =
    reviewedSince || days > 0
      ? days > 0
        ? ` (in ${plural(days, 'day')})`
        : ''
      : days === 0
        ? ' (due today)'
        : ` (overdue by ${plural(-days, 'day')})`;
  return `${formatLongDate(t.nextReview)}${when}${held}`;
}

function toRow(entry: Entry, acrossSchools: boolean): PartTimeCardRow {
  const { timetable: t, pupil, school, privacy, asOf } = entry;
  const shown = entry.findings.filter((f) => !hiddenInView(f, privacy));
  return {
    name: acrossSchools ? `${pupilName(pupil)} · ${school.name}` : pupilName(pupil),
    year: yearLabel(pupil.yearGroup),
    since: formatLongDate(t.start),
    ends: endsText(t, asOf),
    sessionsOff: t.sessionsOff.length ? t.sessionsOff.map(weeklySessionWords).join(', ') : 'no sessions recorded',
    agreed: agreedText(t, asOf),
    review: reviewText(t, asOf),
    plan: privacy === 'full' ? (t.plan ?? '') : '',
    findings: shown.map((f) => ({ title: RULE_TITLES[f.rule], why: viewFinding(f, school.policy, privacy).reason })),
    safeguarding: shown.length < entry.findings.length,
  };
}

/** The order a list reads best in: reviews by how pressing (none set, then by date); timetables by name. */
function compareEntries(kind: PartTimeListKind) {
  return (a: Entry, b: Entry): number => {
    if (kind === 'part-time-reviews') {
      const ra = a.timetable.nextReview ?? '';
      const rb = b.timetable.nextReview ?? '';
      if (ra !== rb) return ra < rb ? -1 : 1;
    }
    return (
      a.pupil.familyName.localeCompare(b.pupil.familyName) ||
      a.pupil.givenName.localeCompare(b.pupil.givenName) ||
      a.school.name.localeCompare(b.school.name)
    );
  };
}

/**
 * "Who is on a part-time timetable?" and "which reviews are due?": the timetables the school recorded that
 * are in place on the day asked about, each with its dates, the sessions the pupil is out, who agreed it,
 * the next review and what the rules find about it (Derby City Council's policy, paras 18-22, and the
 * national guidance). Reviews are those the rules find due within the profile's window, overdue, or with
 * no date set. A limited conversation sees neither the plan (it may be medical) nor findings that tell a
 * pupil has a social worker or an EHC plan.
 */
export async function answerPartTime(
  services: QueryServices,
  kind: PartTimeListKind,
  request: RecordListRequest,
): Promise<BotMessage> {
  const { token, schools, conversation } = request;
  const filter: CohortFilter = token.filters;
  const limited = schools.some((s) => s.access.privacy === 'limited');
  const refusal = contextFilterRefusal(limited, filter);
  if (refusal) return { text: refusal };
  const wording = WORDING[kind];
  const entries: Entry[] = [];
  const asOfDates = new Set<string>();
  let recorded = 0;
  for (const { school, access } of schools) {
    const asOf = token.asOf ?? school.asOf;
    asOfDates.add(asOf);
    const timetables = school.register.partTimeTimetables ?? [];
    recorded += timetables.length;
    if (timetables.length === 0) continue;
    const { findings } = services.cache.evaluation(school, asOf);
    const byUpn = new Map(school.register.pupils.map((p) => [p.upn, p]));
    for (const timetable of timetables) {
      const pupil = byUpn.get(timetable.upn);
      if (!pupil || !isInPlaceOn(timetable, asOf) || !inCohort(pupil, filter)) continue;
      const own = ofTimetable(findings, timetable);
      if (kind === 'part-time-reviews' && !own.some((f) => REVIEW_RULES.has(f.rule))) continue;
      entries.push({ timetable, pupil, school, privacy: access.privacy, asOf, findings: own });
    }
  }
  entries.sort(compareEntries(kind));
  const start = pageStart(request.start, entries.length);
  await auditListShown(services, request, { kind, pupils: entries.length, start });
  const citations = [
    ...new Set(
      schools.map(({ school }) =>
        citationText(
          kind === 'part-time-reviews'
            ? school.policy.partTimeTimetables.reviewCitation
            : school.policy.partTimeTimetables.agreementCitation,
        ),
      ),
    ),
  ];
  const queryToken = encodeQueryToken(token);
  const message = fitPage((size) => {
    const shown = entries.slice(start, start + size);
    return partTimeCard({
      title: wording.title,
      countText: wording.countText(entries.length),
      ...listHeading(token, schools, asOfDates),
      privacyLabel: privacyLabel(limited ? 'limited' : 'full', conversation, request.forViewerOnly),
      filtersText: filtersText(filter),
      rows: shown.map((e) => toRow(e, request.acrossSchools)),
      count: entries.length,
      emptyText:
        recorded === 0
          ? `No part-time timetables are recorded for ${schools.length === 1 ? 'this school' : 'these schools'}.`
          : wording.emptyText,
      citation: `Source: ${citations.join('; ')}`,
      ...pageFields('Pupils', { total: entries.length, start, shown: shown.length, size }),
      queryToken,
    });
  });
  return refreshForAuthorisedViewers(services, message, request, { query: queryToken, start });
}
