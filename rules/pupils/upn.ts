/**
 * Unique Pupil Numbers (DfE). A UPN is 13 characters: a check letter, the 3-digit LA number, the 4-digit
 * establishment number, a 2-digit year of allocation and a 3-digit serial. A temporary UPN (allocated
 * while a pupil's permanent one is traced) ends in a letter instead of a digit. The check letter is the
 * weighted sum of characters 2-13 (weights 2-13) modulo 23, read off the 23-letter alphabet below.
 */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

export type UpnCheck = { ok: true; temporary: boolean } | { ok: false; problem: string };

/** The check letter a UPN's last 12 characters call for, or undefined if they are not digits (and a final letter). */
export function upnCheckLetter(body: string): string | undefined {
  if (!/^\d{11}[0-9A-Z]$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i];
    let value: number;
    if (ch >= '0' && ch <= '9') value = ch.charCodeAt(0) - 48;
    else {
      value = CHECK_LETTERS.indexOf(ch);
      if (value < 0) return undefined; // I, O and S are never used in UPNs
    }
    sum += value * (i + 2);
  }
  return CHECK_LETTERS[sum % 23];
}

/** Checks a UPN's shape and check letter. */
export function checkUpn(upn: string): UpnCheck {
  if (!UPN_SHAPE.test(upn)) {
    return {
      ok: false,
      problem: `UPN ${JSON.stringify(upn)} is not 13 characters: a check letter, 11 digits and a digit (or a letter for a temporary UPN)`,
    };
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected === undefined)
    return { ok: false, problem: `UPN ${upn} ends in ${upn[12]}, a letter never used in UPNs` };
  if (expected !== upn[0])
    return { ok: false, problem: `UPN ${upn} has check letter ${upn[0]} but its digits call for ${expected}` };
  return { ok: true, temporary: /[A-Z]$/.test(upn) };
}

/**
 * A valid permanent UPN for a 12-digit body (LA number, establishment, year of allocation, serial), with
 * its check letter in front. For generators and fixtures that need real-looking pupils.
 */
export function upnWithCheckLetter(body: string): string {
  const letter = upnCheckLetter(body);
  if (letter === undefined)
    throw new RangeError(`UPN body ${JSON.stringify(body)} must be 11 digits and a digit or letter`);
  return letter + body;
}
