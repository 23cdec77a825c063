import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choicesCard } from '../../cards/queries/choicesCard.ts';
import { cohortCard } from '../../cards/queries/cohortCard.ts';
import { helpCard } from '../../cards/queries/helpCard.ts';
import { listCard } from '../../cards/queries/listCard.ts';
import { pupilCard } from '../../cards/queries/pupilCard.ts';
import { type AdaptiveCardJson } from '../../bot/host/featureHost.ts';
import { sampleCohortCard, sampleHelpCard, sampleListCard, samplePupilCard } from './sampleCardData.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_CHROMIUM)
  throw new Error(`REQUIRE_CHROMIUM is set but ${CHROMIUM} does not exist: install Debian's chromium package`);
if (!available)
  console.warn(`card rendering tests skipped: ${CHROMIUM} not found (set REQUIRE_CHROMIUM=1 to make this an error)`);

const sdkBundle = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

interface Layout {
  height: number;
  width: number;
  text: string;
  /** Elements whose box pokes out of the card, or whose text is cut off sideways. */
  overflowing: string[];
  buttons: string[];
}

const layoutProbe = fileURLToPath(new URL('./cardLayoutProbe.browser.js', import.meta.url));

/** Renders a card with the adaptivecards SDK at a given width (see cardLayoutProbe.browser.js). */
async function render(page: Page, card: AdaptiveCardJson, width: number): Promise<Layout> {
  return (await page.evaluate(`probeCardLayout(${JSON.stringify(card)}, ${width})`)) as Layout;
}

describe.skipIf(!available)('query cards rendered in headless Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: sans-serif; margin: 0"></body></html>',
    );
    await page.addScriptTag({ path: sdkBundle });
    await page.addScriptTag({ path: layoutProbe });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  // Teams on a phone gives a card about 320 px; the desktop chat pane about 500.
  const widths = [320, 500];
  const cases: [string, () => AdaptiveCardJson, string[]][] = [
    [
      'list card with a next page',
      () => listCard(sampleListCard(20, true)).card!,
      ['Pupil 20 Example', 'Friday 21 November 2025'],
    ],
    [
      'pupil card (full view)',
      () => pupilCard(samplePupilCard(true)).card!,
      ['Amy Smith', 'Penalty threshold', 'Social worker'],
    ],
    ['cohort card', () => cohortCard(sampleCohortCard(false)).card!, ['Persistently absent', '17.79%']],
    ['help card', () => helpCard(sampleHelpCard()).card!, ['which pupils hit the penalty threshold?']],
    [
      'choices card',
      () =>
        choicesCard({
          title: 'Which pupil did you mean?',
          intro: '2 pupils match "Amy".',
          choices: [
            { title: 'Amy Smith, Year 9, 9B', value: '100001|A' },
            { title: 'Amy Stone, Year 7, 7A', value: '100001|B' },
          ],
          firstValue: '100001|A',
          queryToken: '{}',
        }).card!,
      ['Amy Stone, Year 7, 7A'],
    ],
  ];

  for (const [name, build, mustShow] of cases) {
    for (const width of widths) {
      it(`${name} lays out within ${width}px and shows its content`, async () => {
        const layout = await render(page, build(), width);
        expect(layout.height).toBeGreaterThan(80);
        expect(layout.width).toBeLessThanOrEqual(width + 1);
        expect(layout.overflowing).toEqual([]);
        for (const text of mustShow) expect(layout.text).toContain(text);
      });
    }
  }

  it('catches a card that does not fit (so the checks above can fail)', async () => {
    const tooWide: AdaptiveCardJson = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'ColumnSet',
          columns: [0, 1, 2].map((i) => ({
            type: 'Column',
            width: '200px',
            items: [{ type: 'TextBlock', text: `Column ${i} with a long unbroken heading`, wrap: false }],
          })),
        },
      ],
    };
    const layout = await render(page, tooWide, 320);
    expect(layout.overflowing.length).toBeGreaterThan(0);
  });

  it('list card shows the "next" button with the remaining count', async () => {
    const layout = await render(page, listCard(sampleListCard(20, true)).card!, 500);
    expect(layout.buttons).toContain('Next 7');
  });
});
