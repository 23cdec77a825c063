import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdaptiveCardJson } from '../../cards/cardTypes.ts';
import { buildCardGallery } from './cardGallery.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_CHROMIUM)
  throw new Error(`REQUIRE_CHROMIUM is set but ${CHROMIUM} does not exist: install Debian's chromium package`);
if (!available)
  console.warn(`card rendering tests skipped: ${CHROMIUM} not found (set REQUIRE_CHROMIUM=1 to make this an error)`);

const sdkBundle = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
const layoutProbe = fileURLToPath(new URL('./cardLayoutProbe.browser.js', import.meta.url));
/** Screenshots for a person to look at (gitignored); nothing compares them pixel by pixel. */
const ARTEFACTS = fileURLToPath(new URL('../../.artifacts/cards/', import.meta.url));

/**
 * Teams on a phone gives a card about 320 px; the desktop chat pane about 500; a wide window or a card
 * opened in a meeting's side panel up to about 700.
 */
const WIDTHS = [320, 500, 700];

interface Layout {
  height: number;
  width: number;
  text: string;
  /** Words broken across lines, text cut off, boxes out of the card (see cardLayoutProbe.browser.js). */
  problems: string[];
  buttons: string[];
}

async function render(page: Page, card: AdaptiveCardJson, width: number): Promise<Layout> {
  return (await page.evaluate(`probeCardLayout(${JSON.stringify(card)}, ${width})`)) as Layout;
}

function fileNameOf(name: string, width: number): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${width}.png`;
}

const gallery = await buildCardGallery();

describe.skipIf(!available)('every card kind, drawn in headless Chromium at Teams widths', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: \'Segoe UI\', sans-serif; margin: 0"></body></html>',
    );
    await page.addScriptTag({ path: sdkBundle });
    await page.addScriptTag({ path: layoutProbe });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const { name, card, mustShow } of gallery) {
    for (const width of WIDTHS) {
      it(`${name} reads whole at ${width}px: no broken word, nothing cut off or sticking out`, async () => {
        const layout = await render(page, card, width);
        await page.locator('#card-host').screenshot({ path: `${ARTEFACTS}${fileNameOf(name, width)}` });
        expect(layout.height).toBeGreaterThan(40);
        expect(layout.width).toBeLessThanOrEqual(width + 1);
        expect(layout.problems).toEqual([]);
        for (const text of mustShow) expect(layout.text).toContain(text);
      });
    }
  }

  describe('the checks bite: deliberately bad cards fail them', () => {
    const card = (body: unknown[]): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', body });

    it('a label in a column too narrow for it is reported as a broken word', async () => {
      const narrow = card([
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: '40px', items: [{ type: 'TextBlock', text: 'Overall absence', wrap: true }] },
            { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: '6.9%', wrap: true }] },
          ],
        },
      ]);
      const layout = await render(page, narrow, 320);
      expect(layout.problems.some((p) => p.startsWith('word broken across lines: "Overall"'))).toBe(true);
    });

    it('text that does not wrap is reported as cut off', async () => {
      const unwrapped = card([
        {
          type: 'TextBlock',
          text: 'Persistently absent pupils in Year 9 against the national figure for the autumn term',
          wrap: false,
        },
      ]);
      const layout = await render(page, unwrapped, 320);
      expect(layout.problems.some((p) => p.startsWith('text cut off'))).toBe(true);
    });

    it('a line limit that hides the end of a reason is reported as cut off', async () => {
      const limited = card([
        {
          type: 'TextBlock',
          text: '11 unauthorised sessions (G 4, O 5, U 2) in the 10 school weeks from Monday 15 September to Friday 21 November: the threshold for considering a penalty notice is 10.',
          wrap: true,
          maxLines: 1,
        },
      ]);
      const layout = await render(page, limited, 320);
      expect(layout.problems.some((p) => p.startsWith('text cut off'))).toBe(true);
    });

    it('a grid squeezed into a thin column beside its labels is reported (the old marks grid)', async () => {
      const thin = card([
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: 90, items: [{ type: 'TextBlock', text: 'w/c 10 Nov', wrap: true }] },
            {
              type: 'Column',
              width: 'stretch',
              items: [{ type: 'TextBlock', text: 'Mon /\\  Tue NN  Wed /\\  Thu GG  Fri O\\', wrap: true }],
            },
          ],
        },
      ]);
      const layout = await render(page, thin, 320);
      expect(layout.problems.some((p) => p.startsWith('squeezed into a narrow column'))).toBe(true);
    });

    it('a table wider than the card is reported as sticking out', async () => {
      const wide = card([
        {
          type: 'ColumnSet',
          columns: [0, 1, 2].map((i) => ({
            type: 'Column',
            width: '200px',
            items: [{ type: 'TextBlock', text: `Column ${i}`, wrap: true }],
          })),
        },
      ]);
      const layout = await render(page, wide, 320);
      expect(layout.problems.some((p) => /outside the card|cut off/.test(p))).toBe(true);
    });
  });
});
