import { caseReviewsCard, type CaseReviewsCardRow } from '../../cards/queries/caseReviewsCard.ts';
import {
  ACTION_PARTY_LABELS,
  CASE_REVIEW_AHEAD_DAYS,
  type CaseReviewDue,
  type CaseReviewStanding,
  casesDueForReview,
  type CohortFilter,
  formatLongDate,
  inCohort,
  type PupilCase,
  stageName,
} from '../../rules/index.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { listCases } from '../meetings/caseStore.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { contextFilterRefusal, filtersLabel, plural, yearLabel } from './describeView.ts';
import { citationText } from './findingView.ts';
import { auditListShown, fitPage, listHeading, pageFields, pageStart } from './listPaging.ts';
import { type QueryServices } from './queryServices.ts';
import { encodeQueryToken } from './queryToken.ts';
import { type RecordListRequest } from './recordListRequest.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';

interface Entry {
  due: CaseReviewDue;
  school: SchoolData;
}

function reviewText(review: CaseReviewStanding): string {
  switch (review.kind) {
    case 'overdue':
      return `${formatLongDate(review.due)}: overdue by ${plural(review.days, 'day')}`;
    case 'today':
      return `${formatLongDate(review.due)}: due today`;
    case 'ahead':
      return `${formatLongDate(review.due)}, in ${plural(review.days, 'day')}`;
    case 'unset':
      return 'no date set: agree one at the next meeting or on the case card';
  }
}

function countText(open: number, due: number): string {
  if (open === 0) return 'No cases are open.';
  const which = due === open && open > 1 ? 'all' : due === 0 ? 'none' : String(due);
  const verb = due === 1 || due === 0 ? 'has' : 'have';
  return `${plural(open, 'case')} open; ${which} ${verb} a review overdue, due within ${CASE_REVIEW_AHEAD_DAYS} days or not set, or an agreed action due.`;
}

function toRow({ due, school }: Entry, acrossSchools: boolean): CaseReviewsCardRow {
  const c = due.pupilCase;
  return {
    name: acrossSchools ? `${c.pupilName} · ${school.name}` : c.pupilName,
    year: yearLabel(c.yearGroup),
    stage: stageName(school.policy, c.stageId),
    review: reviewText(due.review),
    pressing: due.review.kind === 'overdue' || due.review.kind === 'unset',
    actions: due.actionsDue.map((a) => ({
      line: `${a.what} (${ACTION_PARTY_LABELS[a.party]}, ${a.owner}), due ${formatLongDate(a.due)}`,
    })),
    openWith: `case for ${c.pupilName}`,
  };
}

/**
 * "Which cases are due a review?": the cases the termly meeting keeps (opened at a meeting, by staff or on
 * a pupil becoming persistently or severely absent) whose review is overdue, due today or within a
 * fortnight, or has no date, and those with an agreed action due; each with its stage and actions. The
 * meeting's agenda lists the same cases on the day it is prepared; this answers between meetings.
 */
export async function answerCaseReviews(services: QueryServices, request: RecordListRequest): Promise<BotMessage> {
  const { token, schools } = request;
  const filter: CohortFilter = token.filters;
  const refusal = contextFilterRefusal(
    schools.some((s) => s.access.privacy === 'limited'),
    filter,
  );
  if (refusal) return { text: refusal };
  const group = filtersLabel(filter);
  // One read of the store's cases, whatever the number of schools in scope.
  const casesBySchool = new Map<string, PupilCase[]>();
  for (const c of await listCases(services.store)) {
    const list = casesBySchool.get(c.schoolUrn);
    if (list) list.push(c);
    else casesBySchool.set(c.schoolUrn, [c]);
  }
  const entries: Entry[] = [];
  const asOfDates = new Set<string>();
  let open = 0;
  // The soonest review beyond the look-ahead, for a card with nothing due: "when is the next one?".
  let next: { on: string; name: string } | undefined;
  for (const { school } of schools) {
    const asOf = token.asOf ?? school.asOf;
    asOfDates.add(asOf);
    const pupils = new Map(school.register.pupils.map((p) => [p.upn, p]));
    const cases = (casesBySchool.get(school.urn) ?? []).filter((c) => {
      const pupil = pupils.get(c.upn);
      // A pupil who has left the roll keeps their case; only a filter that needs their details drops it.
      return pupil ? inCohort(pupil, filter) : group === '';
    });
    open += cases.length;
    for (const c of cases)
      if (c.nextReview !== undefined && c.nextReview > asOf && (!next || c.nextReview < next.on))
        next = { on: c.nextReview, name: c.pupilName };
    for (const due of casesDueForReview(cases, asOf)) entries.push({ due, school });
  }
  const start = pageStart(request.start, entries.length);
  await auditListShown(services, request, { kind: 'case-reviews', pupils: entries.length, start });
  const citations = [
    ...new Set(
      entries.flatMap(({ due, school }) => {
        const stage = school.policy.stages.find((s) => s.id === due.pupilCase.stageId);
        return stage ? [citationText(stage.citation)] : [];
      }),
    ),
  ];
  const queryToken = encodeQueryToken(token);
  const message = fitPage((size) => {
    const shown = entries.slice(start, start + size);
    return caseReviewsCard({
      title: 'Cases due a review',
      countText: countText(open, entries.length),
      ...listHeading(token, schools, asOfDates),
      rows: shown.map((e) => toRow(e, request.acrossSchools)),
      count: entries.length,
      emptyText:
        open === 0
          ? `No cases are open${group === '' ? '' : ` for ${group}`}. A case opens at the termly meeting, or say "open a case for" and the pupil's name.`
          : // Every open case not listed has its review beyond the look-ahead, so there is a next one.
            next
            ? `The next case review is ${next.name}'s, on ${formatLongDate(next.on)}.`
            : '',
      citation: citations.length ? `Source: ${citations.join('; ')}` : '',
      ...pageFields('Cases', { total: entries.length, start, shown: shown.length, size }),
      queryToken,
    });
  });
  return refreshForAuthorisedViewers(services, message, request, { query: queryToken, start });
}
