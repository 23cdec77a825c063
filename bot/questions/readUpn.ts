import { checkUpn } from '../../rules/index.ts';
import { type TextSpan } from './spans.ts';

/** A word of 13 characters shaped like a UPN: a letter, eleven digits, and a digit or (temporary) a letter. */
const UPN_WORD = /\b[a-z]\d{11}[0-9a-z]\b/gi;

export interface UpnFound {
  upn: string;
  span: TextSpan;
}

/**
 * The first Unique Pupil Number anywhere in a question ("attendance for A123…", "how is A123… doing?", or
 * the UPN alone), upper-cased, when its check letter is right. A wrong check letter is a typo of some other
 * pupil's number, so it is not read as one (the bot would otherwise answer about a different child).
 */
export function readUpn(text: string): UpnFound | undefined {
  for (const match of text.matchAll(UPN_WORD)) {
    const upn = match[0].toUpperCase();
    if (checkUpn(upn).ok) return { upn, span: { start: match.index, end: match.index + match[0].length } };
  }
  return undefined;
}
