import { type ParseContext, type QuestionFilters } from './question.ts';
import { type TextSpan } from './spans.ts';

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
};

/**
 * "Year 9", "yr 9", "year9", "Y9", "Year 11s", common slips of "year", "Year R", "year nine". A bare "Y"
 * only before digits: "yr" alone is short for "year", not Year R.
 */
const YEAR_GROUP = new RegExp(
  `\\b(?:(?:years?|yrs?|yaer|yera|yeat)(?:\\s*-\\s*|\\s+|)(1[0-3]|[1-9]|r|reception|${Object.keys(NUMBER_WORDS).join('|')})|y(1[0-3]|[1-9]))s?\\b`,
  'gi',
);
const RECEPTION = /\breception\b/gi;
const NURSERY_GROUP = /\b(n[12])\b/gi;
/** A registration group such as "9B", "10X", "7JS", alone or after "form", "tutor group" and the like. */
const REG_GROUP =
  /\b(?:(?:form|tutor group|tutor|reg group|registration group|class)\s+)?((?:1[0-4]|[1-9])[a-z]{1,3})\b/gi;
/** "class 3", "form 4" in a primary where the group is a number: only after the word that names it. */
const NAMED_GROUP = /\b(?:form|tutor group|reg group|registration group|class)\s+(\d{1,2}[a-z]{0,3})\b/gi;
/** Letters after a number that make an ordinal, a time, a unit or a plural, never a registration group. */
const NOT_A_GROUP = new Set([
  'st',
  'nd',
  'rd',
  'th',
  'am',
  'pm',
  's',
  'd',
  'h',
  'm',
  'k',
  'hr',
  'hrs',
  'min',
  'wk',
  'wks',
  'yr',
  'yrs',
  'pc',
  'day',
]);
/** A school URN: six digits, after "URN" or a preposition, or one the bot already knows. */
const URN = /\b(?:(urn|at|for|in|school)(?:\s*:\s*|\s+|))?(\d{6})\b/gi;

export interface GroupsFound {
  filters: QuestionFilters;
  spans: TextSpan[];
}

/**
 * Year group, registration group and a school's URN: the parts of a question that are numbers and codes
 * rather than words, so they are read by pattern before the vocabulary sees the text. The first of each
 * counts; a question about "years 10 and 11" is read as Year 10.
 */
export function parseGroups(text: string, context: ParseContext): GroupsFound {
  const filters: QuestionFilters = {};
  const spans: TextSpan[] = [];
  const take = (match: RegExpMatchArray): void => {
    spans.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  };
  const overlaps = (match: RegExpMatchArray): boolean =>
    spans.some((s) => (match.index ?? 0) < s.end && s.start < (match.index ?? 0) + match[0].length);

  for (const match of text.matchAll(YEAR_GROUP)) {
    const value = (match[1] ?? match[2]).toLowerCase();
    filters.yearGroup ??= value === 'r' || value === 'reception' ? 'R' : (NUMBER_WORDS[value] ?? value);
    take(match);
  }
  for (const match of text.matchAll(RECEPTION)) {
    if (overlaps(match)) continue;
    filters.yearGroup ??= 'R';
    take(match);
  }
  for (const match of text.matchAll(NURSERY_GROUP)) {
    filters.yearGroup ??= match[1].toUpperCase();
    take(match);
  }
  for (const pattern of [NAMED_GROUP, REG_GROUP]) {
    for (const match of text.matchAll(pattern)) {
      if (overlaps(match)) continue;
      const letters = match[1].replace(/^\d+/, '').toLowerCase();
      if (NOT_A_GROUP.has(letters)) continue;
      filters.regGroup ??= match[1].toUpperCase();
      take(match);
    }
  }
  const knownUrns = new Set((context.schoolNames ?? []).flatMap((s) => (s.urn ? [s.urn] : [])));
  for (const match of text.matchAll(URN)) {
    if (overlaps(match) || (match[1] === undefined && !knownUrns.has(match[2]))) continue;
    filters.school ??= match[2];
    take(match);
  }
  return { filters, spans };
}
