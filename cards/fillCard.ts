import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AdaptiveCardJson } from './cardTypes.ts';

/**
 * adaptivecards-templating's type declarations import the `adaptivecards` package's TypeScript sources,
 * which do not compile under this project's settings (skipLibCheck does not cover .ts files). Loading it
 * untyped and describing the one class we use keeps the typecheck clean.
 */
interface TemplatingModule {
  Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown };
}
const templating = createRequire(import.meta.url)('adaptivecards-templating') as TemplatingModule;

/** Teams refuses a message larger than about 28 KB; cards must stay under it, so lists page instead. */
export const MAX_CARD_BYTES = 28 * 1024;

export class CardTooLargeError extends Error {
  constructor(
    readonly template: string,
    readonly bytes: number,
  ) {
    super(`card ${template} is ${bytes} bytes, over Teams' ${MAX_CARD_BYTES}-byte limit: show fewer rows per page`);
    this.name = 'CardTooLargeError';
  }
}

/** A template bound to the type of data it expects; `fill` gives the finished card. */
export interface CardTemplate<TData> {
  readonly name: string;
  fill(data: TData): AdaptiveCardJson;
}

/**
 * Loads and parses an Adaptive Card template (a JSON file beside the caller, e.g.
 * `cardTemplate<ListCardData>(new URL('./listCard.json', import.meta.url))`) once, and returns a typed
 * filler. Filling checks what Teams would otherwise reject silently or show broken: a card over 28 KB,
 * and a `${...}` left unexpanded because the data lacked a field the template names.
 */
export function cardTemplate<TData extends object>(file: URL): CardTemplate<TData> {
  const name = file.pathname.split('/').pop() ?? file.pathname;
  const payload: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof payload !== 'object' || payload === null || (payload as { type?: unknown }).type !== 'AdaptiveCard') {
    throw new Error(`${name} is not an Adaptive Card template: its top-level "type" must be "AdaptiveCard"`);
  }
  // Parsing the template's expressions is most of the work of filling it, so it is done once here: expand
  // reads the prepared template and builds a new card each call, and runs to completion synchronously.
  const template = new templating.Template(payload);
  return {
    name,
    fill(data: TData): AdaptiveCardJson {
      const card = template.expand({ $root: data }) as AdaptiveCardJson;
      const json = JSON.stringify(card);
      const unexpanded = json.match(/\$\{[^}]*\}/);
      if (unexpanded)
        throw new Error(`card ${name}: ${unexpanded[0]} was not filled; the data passed lacks that field`);
      const bytes = Buffer.byteLength(json, 'utf8');
      if (bytes >= MAX_CARD_BYTES) throw new CardTooLargeError(name, bytes);
      return card;
    },
  };
}
