/**
 * Plain text from a Teams message (each pattern stops at the next "<", so none can scan the rest of a
 * long message again from every "<" in it): the `<at>…</at>` mentions removed (in a channel the bot's own name
 * arrives that way, and no pupil is ever a Teams user, so every mention can go), other HTML tags dropped,
 * entities decoded and whitespace collapsed. Case and punctuation are kept: pupil names need them.
 */
export function stripMentions(text: string): string {
  const withoutTags = text
    .replace(/<at\b[^<>]*>[^<]*<\/at>/gi, ' ')
    // Block-level tags separate words; inline ones (<b>, <span>) may sit inside a word.
    .replace(/<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote)\b[^<>]*>/gi, ' ')
    .replace(/<\/?[a-z][^<>]*>/gi, '');
  return decodeEntities(withoutTags)
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
};

/** Decodes in one pass, so "&amp;nbsp;" becomes the text "&nbsp;" and not a space. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
