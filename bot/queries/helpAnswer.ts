import { helpCard, type HelpSection } from '../../cards/queries/helpCard.ts';
import { type SchoolRole } from '../../adapters/store/stateStore.ts';
import { type BotMessage, type ConversationType } from '../host/featureHost.ts';
import { type NotUnderstood } from '../questions/question.ts';
import { suggestionQuestions } from '../questions/suggestionQuestions.ts';

/** Who is asking for help, so the card shows what they can do rather than everything the bot does. */
export interface HelpAudience {
  /** Their role where they asked (the conversation's school, or across schools); null without one. */
  role: SchoolRole | null;
  conversationType: ConversationType;
}

/** Roles that run decisions, cases and the termly meeting (README, "Decision walk-throughs" and meetings). */
const LEAD_ROLES: ReadonlySet<SchoolRole> = new Set([
  'attendance-lead',
  'designated-safeguarding-lead',
  'head',
  'la-officer',
]);

const QUESTIONS: HelpSection = {
  heading: 'Ask in your own words',
  examples: [
    'who is persistently absent in Year 9 this half term?',
    'why is Amy Smith on the list? (or her UPN)',
    'any sickness returns due?',
    'how is 7B doing since half term?',
    'who is on a part-time timetable? (or: which reviews are due?)',
    'which pupils live in another local authority?',
  ],
};

function sectionsFor({ role, conversationType }: HelpAudience): HelpSection[] {
  if (role === null) return [];
  const sections = [QUESTIONS];
  if (LEAD_ROLES.has(role)) {
    sections.push({
      heading: 'Decisions and cases',
      examples: [
        'can we issue a penalty for Amy Smith? (personal chat)',
        'check a leave request for Amy Smith',
        'prepare the termly meeting (or: which cases are due a review?)',
      ],
    });
  }
  if (role === 'la-officer' && conversationType === 'personal')
    sections.push({ heading: 'Across your schools', examples: ['PA at Oakfield', 'follow 123456'] });
  if (role === 'head' || role === 'designated-safeguarding-lead')
    sections.push({ heading: 'This channel', examples: ['privacy full (makes it the safeguarding channel)'] });
  return sections;
}

function introFor({ role }: HelpAudience): string {
  if (role === null)
    return 'You have no role at this school yet, so I cannot show you pupils: ask the head or attendance lead to add you. Anyone can ask "what code for a hospital appointment?".';
  if (role === 'staff')
    return 'As a member of staff you can ask about pupils and groups. Decisions, cases and the termly meeting are for the attendance lead, head, DSL and LA officers.';
  return '';
}

/** The help card: short, and only what the asker's role lets them do. */
export function helpAnswer(audience: HelpAudience): BotMessage {
  return helpCard({
    title: 'What I can answer',
    intro: introFor(audience),
    sections: sectionsFor(audience),
    footer: audience.conversationType === 'personal' ? '' : 'In a channel, @mention me first.',
    asks: [],
  });
}

/**
 * A question the bot could not read: it says so, and offers three questions close to it (about the group
 * and dates the asker named) as buttons that ask them, and "Help". Never the whole help.
 */
export function notUnderstoodAnswer(parsed: NotUnderstood): BotMessage {
  const questions = suggestionQuestions(parsed.suggestions, parsed.filters, parsed.datesTyped).slice(0, 3);
  const typed = parsed.text.length > 120 ? `${parsed.text.slice(0, 117)}...` : parsed.text;
  return helpCard({
    title: "Sorry, I didn't understand that",
    intro: `I couldn't match "${typed}" to a question I know. Did you mean one of these?`,
    sections: [],
    footer: '',
    asks: [...questions.map((q) => ({ title: q, question: q })), { title: 'Help', question: 'help' }],
  });
}

/** The reply to a message far longer than any question: not read at all. */
export function tooLongAnswer(tooLong: { length: number; limit: number }): string {
  return `That message is ${tooLong.length.toLocaleString('en-GB')} characters long, and I only read questions of up to ${tooLong.limit.toLocaleString('en-GB')}. Please ask one question at a time, for example "who is persistently absent in Year 9?".`;
}
