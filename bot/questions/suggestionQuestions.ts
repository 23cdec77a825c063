import { type QuestionFilters, type QuestionKind } from './question.ts';

/** How to ask for each kind, `{who}` standing for the group and `{when}` for the dates the asker typed. */
const ASKING: Readonly<Record<Exclude<QuestionKind, 'help' | 'pupil-summary' | 'pupil-findings'>, string>> = {
  'penalty-threshold': 'who has hit the penalty threshold{who}{when}?',
  'persistent-absence': 'who is persistently absent{who}{when}?',
  'severe-absence': 'who is severely absent{who}{when}?',
  'at-risk': 'who is at risk of persistent absence{who}{when}?',
  'sickness-returns': 'which sickness returns are due{who}{when}?',
  'unexplained-today': 'who has an unexplained absence{who}{when}?',
  'unexplained-3-days': 'who has been missing for 3 days{who}{when}?',
  'n-overdue': 'which N codes are overdue{who}{when}?',
  'continuous-absence': 'who has 10 days of continuous absence{who}{when}?',
  'deletion-ground': 'who meets the 20 day deletion ground{who}{when}?',
  lateness: 'who is persistently late{who}{when}?',
  'broken-weeks': 'who has broken weeks{who}{when}?',
  'part-time-timetables': 'who is on a part-time timetable{who}{when}?',
  'part-time-reviews': 'which part-time timetable reviews are due{who}{when}?',
  'cross-border-pupils': 'which pupils live in another local authority{who}{when}?',
  'case-reviews': 'which cases are due a review?',
  'cohort-summary': 'how is {group} doing{when}?',
};

/** The group as the parser reads it back: "in Year 9", "in 9B", "FSM", "at Oakfield". */
function groupWords(filters: QuestionFilters): string[] {
  const words: string[] = [];
  if (filters.yearGroup) words.push(filters.yearGroup === 'R' ? 'in Reception' : `in Year ${filters.yearGroup}`);
  if (filters.regGroup) words.push(`in ${filters.regGroup}`);
  if (filters.fsm !== undefined) words.push(filters.fsm ? 'with FSM' : 'without FSM');
  if (filters.sen)
    words.push(filters.sen === 'ehcp' ? 'with an EHCP' : filters.sen === 'support' ? 'on SEN support' : 'with SEN');
  if (filters.socialWorker) words.push('with a social worker');
  if (filters.lookedAfter) words.push('who are looked after');
  if (filters.youngCarer) words.push('who are young carers');
  if (filters.school) words.push(/^\d+$/.test(filters.school) ? `at URN ${filters.school}` : `at ${filters.school}`);
  return words;
}

/** The group as the subject of "how is … doing": "Year 9", "9B", "the school". */
function groupSubject(filters: QuestionFilters): string {
  if (filters.yearGroup) return filters.yearGroup === 'R' ? 'Reception' : `Year ${filters.yearGroup}`;
  if (filters.regGroup) return filters.regGroup;
  return 'the school';
}

/**
 * Questions to offer as buttons when a question was not understood: one per suggested kind, about the same
 * group and dates the asker named ("Year 9 this term?" -> "how is Year 9 doing this term?"), so pressing
 * one asks what they most likely meant. Pupil questions are never suggested: the bot cannot guess a name.
 */
export function suggestionQuestions(
  kinds: readonly QuestionKind[],
  filters: QuestionFilters,
  datesTyped?: string,
): string[] {
  const when = datesTyped ? ` ${datesTyped}` : '';
  const questions: string[] = [];
  for (const kind of kinds) {
    if (kind === 'help' || kind === 'pupil-summary' || kind === 'pupil-findings') continue;
    const { yearGroup: _y, regGroup: _r, ...rest } = filters;
    const who = kind === 'cohort-summary' ? groupWords(rest) : groupWords(filters);
    const text = ASKING[kind]
      .replace('{group}', groupSubject(filters))
      .replace('{who}', who.length > 0 ? ` ${who.join(' ')}` : '')
      .replace('{when}', when);
    if (!questions.includes(text)) questions.push(text);
  }
  return questions;
}
