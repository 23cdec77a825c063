import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../bot/questions/parseQuestion.ts';
import { type ParseContext, type ParsedQuestion } from '../../../bot/questions/question.ts';
import { HALF_TERMS_2025_26 } from './termDates2025.ts';

/** Monday 24 November 2025, in the second autumn half-term, with two schools loaded. */
const CONTEXT: ParseContext = {
  today: '2025-11-24',
  terms: HALF_TERMS_2025_26,
  schoolNames: [
    { urn: '123456', name: 'Oakfield Primary School' },
    { urn: '654321', name: 'Brook Lane Academy' },
  ],
};
const BOT = '<at>Attendance Bot</at> ';
const THIS_HALF_TERM = { from: '2025-11-03', label: 'this half term (since 3 November 2025)' };
const THIS_TERM = { from: '2025-09-03', label: 'this term (since 3 September 2025)' };
const SINCE_SEPTEMBER = { from: '2025-09-01', label: 'since 1 September 2025' };

/** Questions as staff type them in a Teams channel or chat, and the query each must become. */
const QUESTIONS: readonly [string, ParsedQuestion][] = [
  // penalty threshold
  [
    `${BOT}which pupils hit the penalty threshold?`,
    { kind: 'penalty-threshold', filters: {}, matched: ['penalty threshold'] },
  ],
  ["who's over the threshold", { kind: 'penalty-threshold', filters: {}, matched: ['over threshold'] }],
  [
    'Who is close to the fine threshold in Year 10?',
    { kind: 'penalty-threshold', filters: { yearGroup: '10' }, matched: ['fine threshold'] },
  ],
  [
    `${BOT}&nbsp;any FPNs due this half term?`,
    { kind: 'penalty-threshold', filters: {}, dates: THIS_HALF_TERM, matched: ['fpn'] },
  ],
  [
    'penalty notice list for 10X as of last Friday',
    {
      kind: 'penalty-threshold',
      filters: { regGroup: '10X' },
      dates: { asOf: '2025-11-21', label: 'as of Friday 21 November 2025' },
      matched: ['penalty notice'],
    },
  ],
  [
    'which kids have 10 unauthorised sessions in 10 weeks',
    { kind: 'penalty-threshold', filters: {}, matched: ['10 unauthorised sessions'] },
  ],
  [
    'who needs a fixed penalty notice at Oakfield',
    { kind: 'penalty-threshold', filters: { school: 'Oakfield Primary School' }, matched: ['fixed penalty notice'] },
  ],
  ['Any fines due for URN 654321?', { kind: 'penalty-threshold', filters: { school: '654321' }, matched: ['fine'] }],
  ['penalty threshhold', { kind: 'penalty-threshold', filters: {}, matched: ['penalty threshold'] }],
  // persistent absence
  [
    `${BOT}who is persistently absent in Year 9?`,
    { kind: 'persistent-absence', filters: { yearGroup: '9' }, matched: ['persistently absent'] },
  ],
  [
    'persistantly absent yr 9',
    { kind: 'persistent-absence', filters: { yearGroup: '9' }, matched: ['persistently absent'] },
  ],
  ['PA list Y11 FSM', { kind: 'persistent-absence', filters: { yearGroup: '11', fsm: true }, matched: ['pa list'] }],
  [
    'show me persistent absentees in year9 this term',
    { kind: 'persistent-absence', filters: { yearGroup: '9' }, dates: THIS_TERM, matched: ['persistent absentee'] },
  ],
  [
    'How many persistent absentees have we got since September?',
    { kind: 'persistent-absence', filters: {}, dates: SINCE_SEPTEMBER, matched: ['persistent absentee'] },
  ],
  [
    'PA for pupil premium kids',
    { kind: 'persistent-absence', filters: {}, matched: ['pa'], ignoredFilters: ['pupil premium'] },
  ],
  [
    'persistent absence SEND pupils',
    { kind: 'persistent-absence', filters: { sen: 'any' }, matched: ['persistent absence'] },
  ],
  ['who is PA with an EHCP', { kind: 'persistent-absence', filters: { sen: 'ehcp' }, matched: ['pa'] }],
  ['pupils below 90% in 8C', { kind: 'persistent-absence', filters: { regGroup: '8C' }, matched: ['below 90'] }],
  [
    'persistent absence for CLA and CIN',
    { kind: 'persistent-absence', filters: { lookedAfter: true, socialWorker: true }, matched: ['persistent absence'] },
  ],
  [
    'PA for LAC and CP kids',
    { kind: 'persistent-absence', filters: { lookedAfter: true, socialWorker: true }, matched: ['pa'] },
  ],
  [
    'unexplained absence for looked after children in yr 10',
    { kind: 'unexplained-today', filters: { lookedAfter: true, yearGroup: '10' }, matched: ['unexplained absence'] },
  ],
  ['pa  - non-FSM yr 7', { kind: 'persistent-absence', filters: { yearGroup: '7', fsm: false }, matched: ['pa'] }],
  ['send me the PA list', { kind: 'persistent-absence', filters: {}, matched: ['pa list'] }],
  [
    'Y9 PA vs national',
    { kind: 'persistent-absence', filters: { yearGroup: '9' }, compareWithNational: true, matched: ['pa', 'national'] },
  ],
  // severe absence
  ['who is severly absent?', { kind: 'severe-absence', filters: {}, matched: ['severely absent'] }],
  [
    'severe absence year 11 with a social worker',
    { kind: 'severe-absence', filters: { yearGroup: '11', socialWorker: true }, matched: ['severe absence'] },
  ],
  ['SA list for young carers', { kind: 'severe-absence', filters: { youngCarer: true }, matched: ['sa'] }],
  [
    'anyone under 50% attendance in year 10 this year',
    {
      kind: 'severe-absence',
      filters: { yearGroup: '10' },
      dates: { from: '2025-09-01', label: 'this school year (since 1 September 2025)' },
      matched: ['under 50'],
    },
  ],
  // at risk
  [
    'who is at risk of persistent absence?',
    { kind: 'at-risk', filters: {}, matched: ['at risk of persistent absence'] },
  ],
  ["who's nearly PA in Year 8", { kind: 'at-risk', filters: { yearGroup: '8' }, matched: ['nearly', 'pa'] }],
  [
    'borderline persistent absentees 9B',
    { kind: 'at-risk', filters: { regGroup: '9B' }, matched: ['borderline', 'persistent absentee'] },
  ],
  ['at risk list for FSM', { kind: 'at-risk', filters: { fsm: true }, matched: ['at risk'] }],
  // sickness returns
  [`${BOT}any sickness returns due?`, { kind: 'sickness-returns', filters: {}, matched: ['sickness return'] }],
  ['who has been off sick 15 days', { kind: 'sickness-returns', filters: {}, matched: ['off sick', '15 days'] }],
  [
    'sickness return list for Brook Lane',
    { kind: 'sickness-returns', filters: { school: 'Brook Lane Academy' }, matched: ['sickness return'] },
  ],
  ['who needs a 15 day illness return', { kind: 'sickness-returns', filters: {}, matched: ['15 days', 'illness'] }],
  // unexplained today
  [
    'who is missing today with no reason',
    { kind: 'unexplained-today', filters: {}, matched: ['missing today', 'no reason'] },
  ],
  [
    'unexplained absences in year 7',
    { kind: 'unexplained-today', filters: { yearGroup: '7' }, matched: ['unexplained absence'] },
  ],
  ["who hasn't been in", { kind: 'unexplained-today', filters: {}, matched: ['hasnt been in'] }],
  [
    'who is off today with no reason given',
    { kind: 'unexplained-today', filters: {}, matched: ['off today', 'no reason given'] },
  ],
  [
    'unexplained absence on 3 March',
    {
      kind: 'unexplained-today',
      filters: {},
      dates: { asOf: '2025-03-03', label: 'as of Monday 3 March 2025' },
      matched: ['unexplained absence'],
    },
  ],
  // unexplained for three days
  [
    'who has been unexplained for 3 days in a row',
    { kind: 'unexplained-3-days', filters: {}, matched: ['3 days in a row'] },
  ],
  ['home visits needed', { kind: 'unexplained-3-days', filters: {}, matched: ['home visit'] }],
  ['third day of no contact', { kind: 'unexplained-3-days', filters: {}, matched: ['third day'] }],
  // N codes overdue
  ['N codes overdue', { kind: 'n-overdue', filters: {}, matched: ['n code', 'overdue'] }],
  [
    'any outstanding N codes in Y8?',
    { kind: 'n-overdue', filters: { yearGroup: '8' }, matched: ['outstanding n codes'] },
  ],
  ['which N marks are still unresolved', { kind: 'n-overdue', filters: {}, matched: ['n mark', 'unresolved'] }],
  // continuous absence
  ['CME referrals', { kind: 'continuous-absence', filters: {}, matched: ['cme'] }],
  ['who has been absent 10 days in a row', { kind: 'continuous-absence', filters: {}, matched: ['10 days'] }],
  [
    'continuous unauthorised absence return for the LA',
    { kind: 'continuous-absence', filters: {}, matched: ['continuous unauthorised absence'] },
  ],
  // deletion ground
  [`${BOT}20 day rule`, { kind: 'deletion-ground', filters: {}, matched: ['20 day rule'] }],
  ['who can we take off roll?', { kind: 'deletion-ground', filters: {}, matched: ['take off roll'] }],
  [
    'deletion grounds at 123456',
    { kind: 'deletion-ground', filters: { school: '123456' }, matched: ['deletion ground'] },
  ],
  // lateness
  ['who is late the most in year 7', { kind: 'lateness', filters: { yearGroup: '7' }, matched: ['late'] }],
  ['punctuality report for 7JS', { kind: 'lateness', filters: { regGroup: '7JS' }, matched: ['punctuality'] }],
  [
    'persistantly late pupils last week',
    {
      kind: 'lateness',
      filters: {},
      dates: {
        from: '2025-11-17',
        asOf: '2025-11-21',
        label: 'last week (Monday 17 November 2025 to Friday 21 November 2025)',
      },
      matched: ['persistently late'],
    },
  ],
  ['U codes since half-term', { kind: 'lateness', filters: {}, dates: THIS_HALF_TERM, matched: ['u code'] }],
  // broken weeks
  [
    'broken weeks this half term',
    { kind: 'broken-weeks', filters: {}, dates: THIS_HALF_TERM, matched: ['broken weeks'] },
  ],
  ['who keeps taking odd days off', { kind: 'broken-weeks', filters: {}, matched: ['odd days off'] }],
  ['pupils off on Mondays and Fridays', { kind: 'broken-weeks', filters: {}, matched: ['mondays and fridays'] }],
  // one pupil
  [
    `${BOT}how is Amy Smith doing?`,
    { kind: 'pupil-summary', filters: {}, pupilName: 'Amy Smith', matched: ['how is … doing'] },
  ],
  [
    'tell me about Jo Bloggs',
    { kind: 'pupil-summary', filters: {}, pupilName: 'Jo Bloggs', matched: ['tell me about …'] },
  ],
  [
    `${BOT}how&#39;s Liam O'Brien getting on this term?`,
    { kind: 'pupil-summary', filters: {}, pupilName: "Liam O'Brien", dates: THIS_TERM, matched: ['how is … doing'] },
  ],
  [
    "what's Chloe Smith-Jones's attendance like",
    { kind: 'pupil-summary', filters: {}, pupilName: 'Chloe Smith-Jones', matched: ["…'s attendance"] },
  ],
  [
    'how is amy smith in 9B doing',
    { kind: 'pupil-summary', filters: { regGroup: '9B' }, pupilName: 'amy smith', matched: ['how is … doing'] },
  ],
  [
    'attendance for Jo Bloggs since September',
    {
      kind: 'pupil-summary',
      filters: {},
      pupilName: 'Jo Bloggs',
      dates: SINCE_SEPTEMBER,
      matched: ['attendance for …'],
    },
  ],
  [
    'is Amy Smith persistently absent?',
    { kind: 'pupil-summary', filters: {}, pupilName: 'Amy Smith', matched: ['is … ?'] },
  ],
  ['Amy Smith', { kind: 'pupil-summary', filters: {}, pupilName: 'Amy Smith', matched: ['a name on its own'] }],
  // Lower case after "is" could be any words, so the question stays about the rule.
  ['is amy smith PA', { kind: 'persistent-absence', filters: {}, matched: ['pa'] }],
  ['look up Tom Hardy', { kind: 'pupil-summary', filters: {}, pupilName: 'Tom Hardy', matched: ['look up …'] }],
  // cohorts and schools
  [
    `${BOT}how does Year 7 compare with national`,
    {
      kind: 'cohort-summary',
      filters: { yearGroup: '7' },
      compareWithNational: true,
      matched: ['compare', 'national'],
    },
  ],
  [
    'whats the attendance like in year 11',
    { kind: 'cohort-summary', filters: { yearGroup: '11' }, matched: ['whats attendance'] },
  ],
  ['school summary', { kind: 'cohort-summary', filters: {}, matched: ['school summary'] }],
  [
    'how are we doing compared to national average this year',
    {
      kind: 'cohort-summary',
      filters: {},
      compareWithNational: true,
      dates: { from: '2025-09-01', label: 'this school year (since 1 September 2025)' },
      matched: ['how are we doing', 'compare', 'national average'],
    },
  ],
  ['how are FSM pupils doing?', { kind: 'cohort-summary', filters: { fsm: true }, matched: ['how is … doing'] }],
  [
    'attendance figures for Oakfield',
    { kind: 'cohort-summary', filters: { school: 'Oakfield Primary School' }, matched: ['attendance figures'] },
  ],
  ['attendance rate for year 8', { kind: 'cohort-summary', filters: { yearGroup: '8' }, matched: ['attendance rate'] }],
  [
    'overview for year 10 SEN support',
    { kind: 'cohort-summary', filters: { yearGroup: '10', sen: 'support' }, matched: ['overview'] },
  ],
  [
    'how is Oakfield doing',
    { kind: 'cohort-summary', filters: { school: 'Oakfield Primary School' }, matched: ['how is … doing'] },
  ],
  // help
  ['help', { kind: 'help', filters: {}, matched: ['help'] }],
  [`${BOT}what can you do?`, { kind: 'help', filters: {}, matched: ['what can you do'] }],
  [BOT, { kind: 'help', filters: {}, matched: [] }],
  ['?', { kind: 'help', filters: {}, matched: ['?'] }],
  ['hi, who is PA?', { kind: 'persistent-absence', filters: {}, matched: ['pa'] }],
];

describe('parseQuestion', () => {
  it('has a good number of real questions to check', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(QUESTIONS)('reads %j', (text, expected) => {
    expect(parseQuestion(text, CONTEXT)).toStrictEqual({ understood: true, question: expected });
  });

  it('reads "yesterday" as the day before the bot\'s as-of day', () => {
    const result = parseQuestion(`${BOT}<p>unexplained&nbsp;absence for 9B yesterday</p>`, {
      ...CONTEXT,
      today: '2025-11-25',
    });
    expect(result).toStrictEqual({
      understood: true,
      question: {
        kind: 'unexplained-today',
        filters: { regGroup: '9B' },
        dates: { asOf: '2025-11-24', label: 'as of Monday 24 November 2025' },
        matched: ['unexplained absence'],
      },
    });
  });

  it('reads a UK-order date with its year', () => {
    const result = parseQuestion('PA as at 03/03/2026', { ...CONTEXT, today: '2026-03-10' });
    expect(result).toStrictEqual({
      understood: true,
      question: {
        kind: 'persistent-absence',
        filters: {},
        dates: { asOf: '2026-03-03', label: 'as of Tuesday 3 March 2026' },
        matched: ['pa'],
      },
    });
  });

  it('does not read an ordinary verb as an acronym: lower-case "send" is not SEND', () => {
    const result = parseQuestion('send the sickness return list', CONTEXT);
    expect(result.understood && result.question.filters).toStrictEqual({});
  });

  it('finds no school by name when the bot was given no school names', () => {
    const result = parseQuestion('which pupils hit threshold at Oakfield?', { today: '2025-11-24' });
    expect(result).toStrictEqual({
      understood: true,
      question: { kind: 'penalty-threshold', filters: {}, matched: ['hit threshold'] },
    });
  });

  it('does not take a six-digit number for a URN unless it is introduced as one or known', () => {
    const unknown = parseQuestion('PA 111111', CONTEXT);
    const introduced = parseQuestion('PA at URN 111111', CONTEXT);
    expect(unknown.understood && unknown.question.filters).toStrictEqual({});
    expect(introduced.understood && introduced.question.filters).toStrictEqual({ school: '111111' });
  });
});

describe('parseQuestion when it does not understand', () => {
  it('gives back the text without the mention, and offers the commonest questions when nothing is near', () => {
    expect(parseQuestion(`${BOT}asdf qwerty zxcv uiop`, CONTEXT)).toStrictEqual({
      understood: false,
      text: 'asdf qwerty zxcv uiop',
      suggestions: ['persistent-absence', 'penalty-threshold', 'cohort-summary'],
      filters: {},
    });
  });

  it('suggests the kind whose words come close to what was typed', () => {
    const result = parseQuestion('brokn?', CONTEXT);
    expect(result).toStrictEqual({
      understood: false,
      text: 'brokn?',
      suggestions: ['broken-weeks', 'persistent-absence', 'penalty-threshold'],
      filters: {},
    });
  });

  it('suggests a word the asker began to type', () => {
    const result = parseQuestion('punct report', CONTEXT);
    expect(result.understood).toBe(false);
    expect('suggestions' in result && result.suggestions[0]).toBe('lateness');
  });

  it('suggests the group summary first when only a group and a date were named', () => {
    const result = parseQuestion('Year 9 this term', CONTEXT);
    expect(result).toStrictEqual({
      understood: false,
      text: 'Year 9 this term',
      suggestions: ['cohort-summary', 'persistent-absence', 'penalty-threshold'],
      filters: { yearGroup: '9' },
      datesTyped: 'this term',
    });
  });

  it('takes two or three lower-case words that are nothing else for a name, as staff type names in chat', () => {
    const name = parseQuestion('oliver khan', CONTEXT);
    expect(name.understood && name.question).toStrictEqual({
      kind: 'pupil-summary',
      filters: {},
      pupilName: 'oliver khan',
      matched: ['a name on its own'],
    });
    expect(parseQuestion('thanks everyone', CONTEXT).understood).toBe(false);
  });

  it('does not take a single capitalised word for a pupil', () => {
    expect(parseQuestion('Thanks', CONTEXT).understood).toBe(false);
  });

  it('does not answer a question about something else', () => {
    const result = parseQuestion('what time is lunch on Friday?', CONTEXT);
    expect(result.understood).toBe(false);
    expect('suggestions' in result && result.suggestions).toHaveLength(3);
  });
});
