import { type AdaptiveCardJson } from './cardTypes.ts';
import { CardTooLargeError, MAX_CARD_BYTES } from './fillCard.ts';

/**
 * Adds a Universal Actions `refresh` to a card: Teams invokes `verb` with `data` automatically for each of
 * `userIds` (at most 60) when they view the card, and shows each of them the card the bot answers with, so
 * authorised viewers can see more than the rest of the conversation. Everyone else sees the card as sent.
 */
export function withRefresh(
  card: AdaptiveCardJson,
  verb: string,
  data: Record<string, unknown>,
  userIds: readonly string[],
): AdaptiveCardJson {
  if (userIds.length === 0) return card;
  if (userIds.length > 60) throw new RangeError(`refresh.userIds takes at most 60 users, not ${userIds.length}`);
  const refreshed: AdaptiveCardJson = {
    ...card,
    refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb, data }, userIds: [...userIds] },
  };
  const bytes = Buffer.byteLength(JSON.stringify(refreshed), 'utf8');
  if (bytes >= MAX_CARD_BYTES) throw new CardTooLargeError('refresh', bytes);
  return refreshed;
}
