import { type BotMessage } from '../host/featureHost.ts';
import { type QuestionKind } from '../questions/question.ts';
import { answerCaseReviews } from './answerCaseReviews.ts';
import { answerCrossBorder } from './answerCrossBorder.ts';
import { answerPartTime } from './answerPartTime.ts';
import { type QueryServices } from './queryServices.ts';
import { type RecordListRequest } from './recordListRequest.ts';

/** The questions about the school's own records, answered from them rather than from one rule's findings. */
export const RECORD_LISTS: Partial<
  Record<QuestionKind, (services: QueryServices, request: RecordListRequest) => Promise<BotMessage>>
> = {
  'part-time-timetables': (services, request) => answerPartTime(services, 'part-time-timetables', request),
  'part-time-reviews': (services, request) => answerPartTime(services, 'part-time-reviews', request),
  'cross-border-pupils': answerCrossBorder,
  'case-reviews': answerCaseReviews,
};

/** The answer for a record question of this kind, or undefined when the kind is not one. */
export function recordListFor(
  kind: string,
): ((services: QueryServices, request: RecordListRequest) => Promise<BotMessage>) | undefined {
  return Object.hasOwn(RECORD_LISTS, kind) ? RECORD_LISTS[kind as QuestionKind] : undefined;
}
