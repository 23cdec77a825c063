import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type AccessControl } from '../access/access.ts';
import { type Log } from '../log.ts';
import { type ParseContext, type ParseResult } from '../questions/question.ts';
import { type FindingsCache } from '../schools/findingsCache.ts';
import { type SchoolData } from '../schools/schoolData.ts';

export type QuestionParser = (text: string, context: ParseContext) => ParseResult;

/** What the query feature needs, handed in at start-up (no module-level state). */
export interface QueryServices {
  schools: readonly SchoolData[];
  cache: FindingsCache;
  access: AccessControl;
  store: StateStore;
  parse: QuestionParser;
  log: Log;
}
