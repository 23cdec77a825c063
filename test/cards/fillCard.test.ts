import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CardTooLargeError, cardTemplate } from '../../cards/fillCard.ts';
import { cardProblems, expectValidCard } from '../support/validateCard.ts';

function templateFile(payload: unknown): URL {
  const dir = mkdtempSync(join(tmpdir(), 'card-'));
  const file = join(dir, 'sample.json');
  writeFileSync(file, JSON.stringify(payload));
  return pathToFileURL(file);
}

const listTemplate = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${title}', wrap: true },
    { type: 'TextBlock', $data: '${rows}', text: '${name}: ${figure}', wrap: true },
  ],
};

describe('cardTemplate', () => {
  it('fills one loaded template many times, each card its own and the earlier ones untouched', () => {
    const template = cardTemplate<{ title: string; rows: { name: string; figure: string }[] }>(
      templateFile(listTemplate),
    );
    const first = template.fill({ title: 'One pupil', rows: [{ name: 'Ann', figure: '10 sessions' }] });
    const snapshot = JSON.stringify(first);
    const second = template.fill({ title: 'No pupils', rows: [] });
    const third = template.fill({ title: 'One pupil', rows: [{ name: 'Ann', figure: '10 sessions' }] });
    expect(JSON.stringify(first)).toBe(snapshot);
    expect((second.body as { text: string }[]).map((b) => b.text)).toEqual(['No pupils']);
    expect(third).toEqual(first);
    expect(third).not.toBe(first);
  });

  it('fills fields and repeats rows bound to an array', () => {
    const card = cardTemplate<{ title: string; rows: { name: string; figure: string }[] }>(
      templateFile(listTemplate),
    ).fill({
      title: 'Two pupils',
      rows: [
        { name: 'Ann', figure: '10 sessions' },
        { name: 'Ben', figure: '12 sessions' },
      ],
    });
    expect((card.body as { text: string }[]).map((b) => b.text)).toEqual([
      'Two pupils',
      'Ann: 10 sessions',
      'Ben: 12 sessions',
    ]);
    expectValidCard(card);
  });

  it('refuses a card over 28 KB rather than let Teams drop it', () => {
    const template = cardTemplate<{ title: string; rows: { name: string; figure: string }[] }>(
      templateFile(listTemplate),
    );
    const rows = Array.from({ length: 600 }, (_, i) => ({
      name: `Pupil number ${i}`,
      figure: 'eleven unauthorised sessions',
    }));
    expect(() => template.fill({ title: 'Many', rows })).toThrow(CardTooLargeError);
  });

  it('names a field the data did not provide', () => {
    const template = cardTemplate<Record<string, never>>(
      templateFile({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }),
    );
    expect(() => template.fill({})).toThrow(/\$\{missing\} was not filled/);
  });

  it('rejects a file that is not an Adaptive Card', () => {
    expect(() => cardTemplate(templateFile({ type: 'Message' }))).toThrow(/not an Adaptive Card template/);
  });
});

describe('cardProblems', () => {
  it('reports unknown elements and versions Teams cannot render', () => {
    const problems = cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Carousel2' }] });
    expect(problems.some((p) => p.includes('Teams renders up to 1.5'))).toBe(true);
    expect(problems.some((p) => p.includes('Unknown element type "Carousel2"'))).toBe(true);
  });

  it('accepts a plain valid card', () => {
    expect(
      cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hello', wrap: true }] }),
    ).toEqual([]);
  });
});
