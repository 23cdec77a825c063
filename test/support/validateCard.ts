import * as AC from 'adaptivecards';
import { MAX_CARD_BYTES } from '../../cards/fillCard.ts';
import { chartElements, chartProblems } from './chartShapes.ts';

/** The highest Adaptive Card version Teams renders. */
const TEAMS_CARD_VERSION = '1.5';

/**
 * Everything the adaptivecards SDK's parser and validator complain about for a card, plus the Teams limits
 * the SDK does not know (version 1.5 at most, under 28 KB). Empty means Teams can show it.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (typeof card !== 'object' || card === null) return ['not a JSON object'];
  const json = card as { type?: unknown; version?: unknown };
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  if (typeof json.version !== 'string' || Number(json.version) > Number(TEAMS_CARD_VERSION)) {
    problems.push(`version ${JSON.stringify(json.version)}: Teams renders up to ${TEAMS_CARD_VERSION}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`${bytes} bytes: Teams' limit is ${MAX_CARD_BYTES}`);

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  // The SDK does not know Teams' chart elements and says so; those are checked against Teams' documented
  // shapes instead (chartShapes.ts), which also insists on a fallback that shows the figures.
  const charts = new Set(chartElements(card).map((c) => `Unknown element type "${String(c.type)}"`));
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    if (![...charts].some((known) => message.startsWith(known))) problems.push(`parse: ${message}`);
  }
  problems.push(...chartProblems(card).map((p) => `chart: ${p}`));
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** Throws listing every problem, so a test failure says what to fix in the template. */
export function expectValidCard(card: unknown, name = 'card'): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`${name} is not a valid Teams Adaptive Card:\n- ${problems.join('\n- ')}`);
}
