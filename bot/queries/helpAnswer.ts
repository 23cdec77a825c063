import { helpCard } from '../../cards/queries/helpCard.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { type QuestionKind } from '../questions/question.ts';

/** How to ask for each kind, in staff's own words: the help card's examples and "did you mean". */
const ASK_FOR: Record<QuestionKind, string> = {
  'penalty-threshold': 'which pupils hit the penalty threshold?',
  'persistent-absence': 'who is persistently absent in Year 9?',
  'severe-absence': 'who is severely absent?',
  'at-risk': 'who is at risk of persistent absence?',
  'sickness-returns': 'any sickness returns due?',
  'unexplained-today': 'who has an unexplained absence today?',
  'unexplained-3-days': 'who has been missing for 3 days?',
  'n-overdue': 'which N codes are overdue?',
  'continuous-absence': 'who has 10 days of continuous absence?',
  'deletion-ground': 'who could be deleted from roll (20 days)?',
  lateness: 'who is persistently late?',
  'broken-weeks': 'who has broken weeks?',
  'pupil-summary': 'how is Amy Smith doing?',
  'cohort-summary': 'how does Year 7 compare with national?',
  help: 'help',
};

const SECTIONS: { heading: string; kinds: QuestionKind[] }[] = [
  {
    heading: 'Lists of pupils',
    kinds: ['penalty-threshold', 'persistent-absence', 'severe-absence', 'at-risk', 'lateness', 'broken-weeks'],
  },
  {
    heading: 'Today and follow-ups',
    kinds: [
      'unexplained-today',
      'unexplained-3-days',
      'n-overdue',
      'sickness-returns',
      'continuous-absence',
      'deletion-ground',
    ],
  },
  { heading: 'A pupil or a cohort', kinds: ['pupil-summary', 'cohort-summary'] },
];

/** The help card; with `notUnderstood`, it says so and offers the closest questions the parser found. */
export function helpAnswer(notUnderstood?: { text: string; suggestions: readonly QuestionKind[] }): BotMessage {
  const suggestions = (notUnderstood?.suggestions ?? []).filter((k) => k !== 'help').map((k) => `"${ASK_FOR[k]}"`);
  return helpCard({
    title: notUnderstood ? "Sorry, I didn't understand that" : 'What I can answer',
    intro: notUnderstood
      ? `I couldn't match "${notUnderstood.text.slice(0, 120)}" to a question I know. Here is what I can answer.`
      : 'Ask in your own words; these are examples.',
    suggestionsText: suggestions.length > 0 ? `Did you mean ${suggestions.join(' or ')}?` : '',
    sections: [
      ...SECTIONS.map((s) => ({ heading: s.heading, examples: s.kinds.map((k) => ASK_FOR[k]) })),
      {
        heading: 'Narrowing and dates',
        examples: [
          '... in Year 9, in 9B, FSM, SEN, looked after (personal chat or safeguarding channel only)',
          '... as of last Friday, this half term, since September',
          '... at Oakfield (a school by name or URN)',
        ],
      },
      {
        heading: 'Decisions (personal chat or the safeguarding channel)',
        examples: [
          'check a leave request for Amy Smith',
          'can we issue a penalty for Amy Smith?',
          'sickness return for Amy Smith',
          'what code for a hospital appointment?',
          'decisions for Amy Smith',
        ],
      },
      {
        heading: 'Cases and the termly meeting',
        examples: [
          'prepare the termly meeting',
          'start the meeting / next case / end the meeting',
          'case Amy Smith',
          'open a case for Amy Smith',
          'actions for me',
        ],
      },
      {
        heading: 'Alerts',
        examples: ['alerts', 'alerts off sickness', 'follow 123456 / follow all (LA officers, personal chat)'],
      },
      {
        heading: 'Setting up a conversation',
        examples: ['link school 123456', 'which school', 'privacy full (the safeguarding channel) / privacy limited'],
      },
    ],
    footer:
      'In a channel, @mention me first. In channels and group chats I show names and findings only; context such as social care or SEN appears in personal chats with staff whose role allows it, and in the safeguarding channel.',
  });
}
