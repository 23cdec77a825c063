import { type Citation } from '../../rules/index.ts';

/** A citation as one line a card or letter can show. */
export function citationText(citation: Citation): string {
  return `${citation.source}, ${citation.where}`;
}
