/**
 * What cards/ hands back to the bot: the card JSON and the message that carries it. cards/ owns these types
 * so that it never reaches into bot/ (the arrows go bot -> cards -> rules).
 */

/** An Adaptive Card as JSON (`type: "AdaptiveCard"`, version 1.5). Build them with `cards/fillCard.ts`. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

/**
 * What the bot says. `text` is always required: it is the whole answer for clients that cannot show cards
 * (and what a notification shows), so it must stand on its own, not say "see card".
 */
export interface BotMessage {
  text: string;
  card?: AdaptiveCardJson;
}
