import { type Citation } from '../findings/citation.ts';
import { cite } from '../sources/sourceRegister.ts';
import { findRegisterCode, type RegisterCode } from '../codes/registerCodes.ts';

/** One answer to a question in the tree: leads to another question, or to a code. */
export interface CodeTreeOption {
  value: string;
  label: string;
  next: { question: string } | { code: string };
}

export interface CodeTreeQuestion {
  id: string;
  question: string;
  options: readonly CodeTreeOption[];
}

/** What a code means and what to keep in mind when using it. */
export interface CodeGuidance {
  code: RegisterCode;
  guidance: string;
  citation: Citation;
}

const wtisa = (where: string): Citation => cite('wtisa', where);

/**
 * The questions staff answer to reach a 2024 register code. Meanings come from the code table
 * (`registerCodes.ts`); only the routing and the guidance sentences live here.
 */
export const CODE_TREE: readonly CodeTreeQuestion[] = [
  {
    id: 'where',
    question: 'Where was the pupil for the session?',
    options: [
      { value: 'in-school', label: 'In school', next: { question: 'arrival' } },
      { value: 'off-site', label: 'At an approved activity away from the school', next: { question: 'off-site' } },
      { value: 'leave', label: 'Absent with leave the school granted', next: { question: 'leave' } },
      { value: 'ill', label: 'Absent: ill', next: { code: 'I' } },
      { value: 'appointment', label: 'Absent: at a medical or dental appointment', next: { code: 'M' } },
      {
        value: 'other-authorised',
        label: 'Absent for another reason the school accepts',
        next: { question: 'other-authorised' },
      },
      { value: 'unable', label: 'Could not attend through no fault of the family', next: { question: 'unable' } },
      {
        value: 'unauthorised',
        label: 'Absent without the school’s agreement, or reason unknown',
        next: { question: 'unauthorised' },
      },
      { value: 'not-required', label: 'Not of compulsory school age and not required to attend', next: { code: 'X' } },
    ],
  },
  {
    id: 'arrival',
    question: 'When did the pupil arrive?',
    options: [
      { value: 'on-time', label: 'Before registration', next: { code: '/' } },
      { value: 'late-open', label: 'Late, while the register was still open', next: { code: 'L' } },
      { value: 'late-closed', label: 'Late, after the register closed', next: { code: 'U' } },
    ],
  },
  {
    id: 'off-site',
    question: 'Which activity?',
    options: [
      { value: 'la-provision', label: 'Education arranged by the local authority', next: { code: 'K' } },
      { value: 'visit', label: 'An educational visit or trip', next: { code: 'V' } },
      { value: 'sport', label: 'An approved sporting activity', next: { code: 'P' } },
      { value: 'work', label: 'Work experience', next: { code: 'W' } },
      { value: 'dual', label: 'A session at another school where the pupil is dual registered', next: { code: 'D' } },
      { value: 'other', label: 'Another approved educational activity', next: { code: 'B' } },
    ],
  },
  {
    id: 'leave',
    question: 'What was the leave for?',
    options: [
      { value: 'performance', label: 'A licensed performance or employment abroad', next: { code: 'C1' } },
      { value: 'interview', label: 'An interview for a job or another school or college', next: { code: 'J1' } },
      { value: 'study', label: 'Study for a public examination', next: { code: 'S' } },
      { value: 'part-time', label: 'A temporary part-time timetable', next: { code: 'C2' } },
      { value: 'exceptional', label: 'Exceptional circumstances (e.g. a funeral)', next: { code: 'C' } },
    ],
  },
  {
    id: 'other-authorised',
    question: 'Which reason?',
    options: [
      {
        value: 'religious',
        label: 'A day set apart for religious observance by the family’s religious body',
        next: { code: 'R' },
      },
      { value: 'travelling', label: 'Travelling with a parent who moves for work (mobile child)', next: { code: 'T' } },
      { value: 'suspended', label: 'Suspended or excluded, no alternative provision yet', next: { code: 'E' } },
    ],
  },
  {
    id: 'unable',
    question: 'What stopped the pupil attending?',
    options: [
      { value: 'access', label: 'The local authority has not made access arrangements', next: { code: 'Q' } },
      {
        value: 'transport',
        label: 'Transport the school or authority normally provides did not come',
        next: { code: 'Y1' },
      },
      { value: 'travel', label: 'Widespread disruption to travel', next: { code: 'Y2' } },
      { value: 'part-closed', label: 'Part of the school premises was closed', next: { code: 'Y3' } },
      { value: 'site-closed', label: 'The whole school site closed unexpectedly', next: { code: 'Y4' } },
      { value: 'detention', label: 'Held in criminal justice detention', next: { code: 'Y5' } },
      { value: 'public-health', label: 'Public health guidance or law', next: { code: 'Y6' } },
      { value: 'other', label: 'Another unavoidable cause', next: { code: 'Y7' } },
    ],
  },
  {
    id: 'unauthorised',
    question: 'What is known about the absence?',
    options: [
      { value: 'holiday', label: 'A holiday the school did not agree', next: { code: 'G' } },
      { value: 'unknown-yet', label: 'Nothing yet: the reason is still being found out', next: { code: 'N' } },
      {
        value: 'not-accepted',
        label: 'A reason the school does not accept, or none will be given',
        next: { code: 'O' },
      },
    ],
  },
];

const GUIDANCE: Record<string, { guidance: string; citation: Citation }> = {
  '/': {
    guidance: 'Present for the whole session (\\ in the afternoon).',
    citation: wtisa('Attendance codes: present'),
  },
  L: {
    guidance: 'Counts as present; record the minutes late so patterns of lateness can be followed up.',
    citation: wtisa('Attendance codes: L'),
  },
  U: {
    guidance:
      'Counts as unauthorised absence and toward the penalty notice threshold, even though the pupil is in school.',
    citation: wtisa('Attendance codes: U'),
  },
  K: {
    guidance: 'Counts as attendance; the school should check the pupil actually attends the provision.',
    citation: wtisa('Attendance codes: K'),
  },
  V: {
    guidance: 'Only for a visit or trip the school organises or approves and supervises.',
    citation: wtisa('Attendance codes: V'),
  },
  P: {
    guidance: 'Only for a sporting activity the school has approved and that is supervised.',
    citation: wtisa('Attendance codes: P'),
  },
  W: {
    guidance: 'For work experience in the final two years of compulsory education.',
    citation: wtisa('Attendance codes: W'),
  },
  D: {
    guidance: 'Not a possible session here: the other school records the attendance.',
    citation: wtisa('Attendance codes: D'),
  },
  B: {
    guidance: 'Only for an approved, supervised educational activity away from the school.',
    citation: wtisa('Attendance codes: B'),
  },
  C1: {
    guidance: 'Only with a licence from the local authority for the performance or employment.',
    citation: wtisa('Attendance codes: C1'),
  },
  J1: {
    guidance:
      'Only for the interview itself, requested in advance by a parent; travel time at the school’s discretion.',
    citation: wtisa('Attendance codes: J1'),
  },
  S: {
    guidance: 'Only for study leave the school has agreed in advance for a public examination.',
    citation: wtisa('Attendance codes: S'),
  },
  C2: {
    guidance: 'Only while a part-time timetable agreed with the parent is in place; review it regularly.',
    citation: wtisa('Attendance codes: C2'),
  },
  C: {
    guidance:
      'Leave granted in advance by the head for exceptional circumstances (rare, significant, unavoidable, short). Use the leave walk-through to check a request.',
    citation: wtisa('Leave of absence: exceptional circumstances'),
  },
  I: {
    guidance:
      'Authorise illness on the parent’s word in most cases: medical evidence should not routinely be needed, and is asked for only where there is real doubt or a pattern.',
    // This guidance is shown whatever the school's profile, so it cites the national guidance (which
    // Nottingham City Council's slides repeat), never one authority's document.
    citation: wtisa('Illness: medical evidence should not routinely be needed to authorise absence'),
  },
  M: {
    guidance:
      'For the appointment itself; the pupil should attend for the rest of the day where they can, and parents should book outside school hours where possible.',
    citation: wtisa('Attendance codes: M'),
  },
  R: {
    guidance: 'Only for days set apart by the family’s religious body; more days need a leave request (code C).',
    citation: wtisa('Attendance codes: R'),
  },
  T: {
    guidance: 'For a Traveller or occupational family travelling for work; consider dual registration.',
    citation: wtisa('Attendance codes: T'),
  },
  E: {
    guidance: 'For the first five days of a suspension or exclusion while no alternative provision is arranged.',
    citation: wtisa('Attendance codes: E'),
  },
  X: {
    guidance: 'Not a possible session: only for pupils below compulsory school age not required to attend.',
    citation: wtisa('Attendance codes: X'),
  },
  Q: {
    guidance: 'Not a possible session: the authority’s duty to arrange access has not been met.',
    citation: wtisa('Attendance codes: Q'),
  },
  Y1: {
    guidance:
      'Not a possible session: only when transport normally provided by the school or authority was not available.',
    citation: wtisa('Attendance codes: Y1'),
  },
  Y2: {
    guidance: 'Not a possible session: for widespread disruption, not one family’s difficulty.',
    citation: wtisa('Attendance codes: Y2'),
  },
  Y3: {
    guidance: 'Not a possible session: part of the premises closed and the pupil could not be accommodated.',
    citation: wtisa('Attendance codes: Y3'),
  },
  Y4: {
    guidance: 'Not a possible session: the whole site closed unexpectedly.',
    citation: wtisa('Attendance codes: Y4'),
  },
  Y5: {
    guidance: 'Not a possible session: the pupil is held in criminal justice detention.',
    citation: wtisa('Attendance codes: Y5'),
  },
  Y6: {
    guidance: 'Not a possible session: public health guidance or law prevented attendance.',
    citation: wtisa('Attendance codes: Y6'),
  },
  Y7: {
    guidance: 'Not a possible session: another unavoidable cause; record what it was.',
    citation: wtisa('Attendance codes: Y7'),
  },
  G: {
    guidance:
      'Unauthorised, and counts toward the penalty notice threshold; support is not appropriate for a holiday, so no notice to improve is needed first.',
    citation: wtisa('Attendance codes: G'),
  },
  N: {
    guidance: 'A holding code: find out the reason and replace it within 5 school days.',
    citation: wtisa('Attendance codes: N'),
  },
  O: {
    guidance: 'Unauthorised, and counts toward the penalty notice threshold.',
    citation: wtisa('Attendance codes: O'),
  },
};

export function codeTreeQuestion(id: string): CodeTreeQuestion | undefined {
  return CODE_TREE.find((q) => q.id === id);
}

/** The code's meaning from the code table with the guidance sentence and where it comes from. */
export function codeGuidance(code: string): CodeGuidance {
  const entry = findRegisterCode(code);
  const guidance = GUIDANCE[code];
  if (!entry || !guidance) throw new Error(`register code ${code} has no guidance in the which-code tree`);
  return { code: entry, ...guidance };
}

/** Every code the tree can reach, so a test can check each has guidance and is a 2024 code. */
export function codesInTree(): string[] {
  return CODE_TREE.flatMap((q) => q.options.flatMap((o) => ('code' in o.next ? [o.next.code] : [])));
}

/**
 * The answers that lead from the first question to `code` ({ questionId: optionValue } in order), so a
 * question that names the situation ("a hospital appointment") can open on its answer with Back intact.
 */
export function pathToCode(code: string): { question: string; value: string }[] | undefined {
  const walk = (
    questionId: string,
    path: { question: string; value: string }[],
  ): { question: string; value: string }[] | undefined => {
    const q = codeTreeQuestion(questionId);
    if (!q) return undefined;
    for (const o of q.options) {
      const here = [...path, { question: q.id, value: o.value }];
      if ('code' in o.next) {
        if (o.next.code === code) return here;
      } else {
        const found = walk(o.next.question, here);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(CODE_TREE[0].id, []);
}

// Words in a "what code for ...?" question that settle the code on their own. Checked in order: a
// "hospital appointment" is M before anything that mentions being ill.
const SITUATION_WORDS: readonly [RegExp, string][] = [
  [/\b(appointments?|dentist|dental|hospital|doctors?|gp|orthodontist|optician)\b/i, 'M'],
  [/\b(ill|illness|sick|sickness|unwell|poorly)\b/i, 'I'],
  [/\b(funeral|bereavement|wedding)\b/i, 'C'],
  [/\binterview\b/i, 'J1'],
  [/\b(performance|performing|licensed)\b/i, 'C1'],
  [/\b(trip|visit)\b/i, 'V'],
  [/\bwork experience\b/i, 'W'],
  [/\b(holiday|vacation)\b/i, 'G'],
  [/\b(suspended|suspension|excluded)\b/i, 'E'],
  [/\b(religious|eid|diwali|festival)\b/i, 'R'],
];

/** The code a described situation points to, when its words settle it; undefined means ask the tree. */
export function codeForSituation(text: string): string | undefined {
  return SITUATION_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}
