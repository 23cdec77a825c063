import {
  addDays,
  easterSunday,
  isIsoDate,
  type IsoDate,
  isoWeekday,
  mondayOf,
  MONTH_NAMES,
} from '../../rules/index.ts';
import { type ParseContext, type QuestionDates } from './question.ts';
import { halfTermAt, halfTerms, termAt, type SchoolPeriod } from './schoolPeriods.ts';
import { blankSpans, type TextSpan } from './spans.ts';

/** What one date phrase contributes: an as-of day, a period start, or both, and how to say it. */
interface DatePart {
  asOf?: IsoDate;
  from?: IsoDate;
  label: string;
}

interface DatePhrase {
  pattern: RegExp;
  read(match: RegExpExecArray, context: ParseContext): DatePart | undefined;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
/** "since" and "from" start a period; every other lead-in ("as of", "on", "by") names the as-of day. */
const LEAD_IN = '(?:(since|from|as of|as at|on|by|until|till|up to|up until|for)\\s+)?';
const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  weds: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thur: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sunday: 7,
};

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "3 November 2025": the form for the start of a period. */
export function dayMonthYear(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** "Friday 21 November 2025": the form for an as-of day (no comma, unlike Intl's en-GB). */
export function weekdayDayMonthYear(date: IsoDate): string {
  return `${WEEKDAY_NAMES[isoWeekday(date) - 1]} ${dayMonthYear(date)}`;
}

function isoOf(year: number, month: number, day: number): IsoDate | undefined {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * A day and month typed without a year mean the latest such date on or before today: staff ask about the
 * past ("on 3 March" in November means this year's March only if it has happened).
 */
function dayMonth(day: number, month: number, yearText: string | undefined, today: IsoDate): IsoDate | undefined {
  if (yearText !== undefined) {
    const year = Number(yearText) + (yearText.length === 2 ? 2000 : 0);
    return isoOf(year, month, day);
  }
  const thisYear = Number(today.slice(0, 4));
  const candidate = isoOf(thisYear, month, day);
  if (candidate !== undefined && candidate <= today) return candidate;
  return isoOf(thisYear - 1, month, day);
}

/** An explicit date read with its lead-in: a period start after "since"/"from", an as-of day otherwise. */
function onOrSince(leadIn: string | undefined, date: IsoDate | undefined): DatePart | undefined {
  if (date === undefined) return undefined;
  const lead = leadIn?.toLowerCase();
  if (lead === 'since' || lead === 'from') return { from: date, label: `since ${dayMonthYear(date)}` };
  return { asOf: date, label: `as of ${weekdayDayMonthYear(date)}` };
}

function approximation(period: SchoolPeriod): string {
  if (period.approximate === 'no term dates') return '; approximate, no term dates loaded';
  if (period.approximate) return '; approximate, the term dates do not show the half-term break';
  return '';
}

function currentPeriod(name: string, period: SchoolPeriod | undefined): DatePart | undefined {
  if (!period) return undefined;
  return { from: period.start, label: `${name} (since ${dayMonthYear(period.start)}${approximation(period)})` };
}

function previousPeriod(name: string, period: SchoolPeriod | undefined): DatePart | undefined {
  if (!period) return undefined;
  return {
    from: period.start,
    asOf: period.end,
    label: `${name} (${dayMonthYear(period.start)} to ${dayMonthYear(period.end)}${approximation(period)})`,
  };
}

/** The latest `weekday` on or before today, or strictly before it after "last". */
function weekdayBefore(weekday: number, today: IsoDate, strictly: boolean): IsoDate {
  let back = (isoWeekday(today) - weekday + 7) % 7;
  if (back === 0 && strictly) back = 7;
  return addDays(today, -back);
}

/** First 1 September on or before today: the start of the school year (DfE statistics use the same). */
function schoolYearStart(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '09-01' ? `${year}-09-01` : `${year - 1}-09-01`;
}

/** Schools go back within three weeks of Christmas Day or Easter Sunday. */
const LONGEST_RETURN_DAYS = 21;

/** The half-term that begins soon after a holiday `date`, if it has begun by today. */
function firstHalfTermFrom(date: IsoDate, context: ParseContext): SchoolPeriod | undefined {
  const latest = addDays(date, LONGEST_RETURN_DAYS);
  const found = halfTerms(context.today, context.terms).find((p) => p.start >= date && p.start <= latest);
  return found && found.start <= context.today ? found : undefined;
}

/**
 * Date phrases, most specific first: each one's text is blanked before the next looks, so "since the last
 * half term" is never also read as "last half term", nor "3/3/2026" as "3/3".
 */
const DATE_PHRASES: readonly DatePhrase[] = [
  {
    pattern: new RegExp(`\\b${LEAD_IN}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'gi'),
    read: (m) => onOrSince(m[1], isoOf(Number(m[2]), Number(m[3]), Number(m[4]))),
  },
  {
    // UK order: day first. Dots and dashes only with a year, so "3.5" and "9-10" are not dates.
    pattern: new RegExp(
      `\\b${LEAD_IN}(?:the\\s+)?(\\d{1,2})(?:/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?|[.-](\\d{1,2})[.-](\\d{4}))\\b`,
      'gi',
    ),
    read: (m, c) => onOrSince(m[1], dayMonth(Number(m[2]), Number(m[3] ?? m[5]), m[4] ?? m[6], c.today)),
  },
  {
    pattern: new RegExp(
      `\\b${LEAD_IN}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH}\\.?(?:\\s+(\\d{4}))?\\b`,
      'gi',
    ),
    read: (m, c) => onOrSince(m[1], dayMonth(Number(m[2]), MONTHS[m[3].toLowerCase()], m[4], c.today)),
  },
  {
    pattern: new RegExp(`\\b${LEAD_IN}${MONTH}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    read: (m, c) => onOrSince(m[1], dayMonth(Number(m[3]), MONTHS[m[2].toLowerCase()], m[4], c.today)),
  },
  {
    pattern: new RegExp(`\\b(?:since|from)\\s+(?:the\\s+)?(?:(?:start|beginning)\\s+of\\s+)?${MONTH}\\b`, 'gi'),
    read: (m, c) => onOrSince('since', dayMonth(1, MONTHS[m[1].toLowerCase()], undefined, c.today)),
  },
  {
    pattern:
      /\b(?:this\s+|so\s+far\s+this\s+|since\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?)?(?:last\s+)?|from\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?)?)half[\s-]?term\b|\bhalf[\s-]?term\s+to\s+date\b/gi,
    read: (_m, c) => currentPeriod('this half term', halfTermAt(c.today, c.terms)),
  },
  {
    pattern: /\b(?:last|previous)\s+half[\s-]?term\b/gi,
    read: (_m, c) => previousPeriod('last half term', halfTermAt(c.today, c.terms, 1)),
  },
  {
    pattern:
      /\b(?:this\s+|so\s+far\s+this\s+|since\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?)?|from\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?)?)term\b|\bterm\s+to\s+date\b/gi,
    read: (_m, c) => currentPeriod('this term', termAt(c.today, c.terms)),
  },
  {
    pattern: /\b(?:last|previous)\s+term\b/gi,
    read: (_m, c) => previousPeriod('last term', termAt(c.today, c.terms, 1)),
  },
  {
    pattern:
      /\b(?:(?:so\s+far\s+)?this\s+(?:school\s+|academic\s+)?year|(?:the\s+)?year\s+to\s+date|ytd|since\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:school\s+|academic\s+)?year)\b/gi,
    read: (_m, c) => {
      const from = schoolYearStart(c.today);
      return { from, label: `this school year (since ${dayMonthYear(from)})` };
    },
  },
  {
    pattern: /\blast\s+(?:school\s+|academic\s+)?year\b/gi,
    read: (_m, c) => {
      const thisYear = schoolYearStart(c.today);
      const from = `${Number(thisYear.slice(0, 4)) - 1}-09-01`;
      const asOf = addDays(thisYear, -1);
      return { from, asOf, label: `last school year (${dayMonthYear(from)} to ${dayMonthYear(asOf)})` };
    },
  },
  {
    // "Last week" is the school week: Monday to Friday.
    pattern: /\b(last|previous|this)\s+week\b/gi,
    read: (m, c) => {
      const monday = mondayOf(c.today);
      if (m[1].toLowerCase() === 'this')
        return { from: monday, label: `this week (since ${weekdayDayMonthYear(monday)})` };
      const from = addDays(monday, -7);
      const asOf = addDays(monday, -3);
      return { from, asOf, label: `last week (${weekdayDayMonthYear(from)} to ${weekdayDayMonthYear(asOf)})` };
    },
  },
  {
    pattern: /\b(last|this)\s+month\b/gi,
    read: (m, c) => {
      const first = `${c.today.slice(0, 7)}-01`;
      if (m[1].toLowerCase() === 'this') return { from: first, label: `this month (since ${dayMonthYear(first)})` };
      const asOf = addDays(first, -1);
      const from = `${asOf.slice(0, 7)}-01`;
      return { from, asOf, label: `last month (${dayMonthYear(from)} to ${dayMonthYear(asOf)})` };
    },
  },
  {
    // Since Christmas: the spring term. Since Easter: the summer term (schools return after Easter Sunday).
    pattern: /\bsince\s+(christmas|xmas|easter)\b/gi,
    read: (m, c) => {
      const easter = m[1].toLowerCase() === 'easter';
      const holidayIn = (year: number): IsoDate => (easter ? easterSunday(year) : `${year}-12-25`);
      // The last one to have happened: in November, "since Christmas" means last Christmas.
      const thisYear = Number(c.today.slice(0, 4));
      const holiday = holidayIn(thisYear) <= c.today ? holidayIn(thisYear) : holidayIn(thisYear - 1);
      const period = firstHalfTermFrom(holiday, c);
      if (!period) return undefined;
      const name = easter ? 'Easter' : 'Christmas';
      return { from: period.start, label: `since ${name} (${dayMonthYear(period.start)}${approximation(period)})` };
    },
  },
  {
    pattern: /\b(?:(since|from|as\s+of|as\s+at|for|on)\s+)?yesterday\b/gi,
    read: (m, c) => onOrSince(m[1], addDays(c.today, -1)),
  },
  {
    // Not "on a Monday" or "every Friday": those are patterns, not dates.
    pattern: new RegExp(
      `(?<!\\b(?:a|every|each)\\s)\\b${LEAD_IN}(?:(last|previous|this past|this)\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thur|thu|fri)\\b`,
      'gi',
    ),
    read: (m, c) => {
      const strictly = m[2] !== undefined && m[2].toLowerCase() !== 'this';
      return onOrSince(m[1], weekdayBefore(WEEKDAYS[m[3].toLowerCase()], c.today, strictly));
    },
  },
];

export interface DatesFound {
  dates?: QuestionDates;
  spans: TextSpan[];
}

/**
 * The dates a question names, resolved against `context.today` and the school's terms. The first as-of
 * day and the first period start win; the label says every part that was used, in the order typed.
 */
export function parseDates(text: string, context: ParseContext): DatesFound {
  const found: (DatePart & TextSpan)[] = [];
  let remaining = text;
  for (const phrase of DATE_PHRASES) {
    const spans: TextSpan[] = [];
    for (const match of remaining.matchAll(phrase.pattern)) {
      const part = phrase.read(match as RegExpExecArray, context);
      if (!part) continue;
      const span = { start: match.index, end: match.index + match[0].length };
      found.push({ ...part, ...span });
      spans.push(span);
    }
    remaining = blankSpans(remaining, spans);
  }
  if (found.length === 0) return { spans: [] };
  found.sort((a, b) => a.start - b.start);
  const dates: QuestionDates = { label: '' };
  const labels: string[] = [];
  for (const part of found) {
    let used = false;
    if (part.asOf !== undefined && dates.asOf === undefined) {
      dates.asOf = part.asOf;
      used = true;
    }
    if (part.from !== undefined && dates.from === undefined) {
      dates.from = part.from;
      used = true;
    }
    if (used) labels.push(part.label);
  }
  dates.label = labels.join(', ');
  return { dates, spans: found.map(({ start, end }) => ({ start, end })) };
}
