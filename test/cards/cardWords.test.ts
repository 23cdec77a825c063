import { describe, expect, it } from 'vitest';
import { ROW_ACTIONS } from '../../cards/alerts/alertCardModel.ts';
import { SCHOOL_ROLES } from '../../adapters/store/stateStore.ts';
import { CASE_STATES } from '../../bot/decisions/penaltyCase.ts';
import { ACTION_PARTIES } from '../../rules/cases/pupilCase.ts';
import { LEAVE_REASONS } from '../../rules/decisions/leaveOfAbsence.ts';
import { RULE_IDS } from '../../rules/findings/finding.ts';
import { POLICY_PROFILES } from '../../rules/policies/policyProfiles.ts';
import { buildCardGallery } from './cardGallery.ts';
import { expectValidCard } from '../support/validateCard.ts';

/**
 * The words on every card in the gallery, as a person reads them: text, titles, labels, facts, choices'
 * titles, chart legends and axis titles, and the fallback text. Not what a button sends back (`data`),
 * nor machine values (ids, choice values, chart points: Teams draws the date axis itself).
 */
function readableText(card: unknown): string[] {
  const found: string[] = [];
  const READ = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText', 'altText']);
  const READ_IN_CHARTS = new Set(['legend', 'xAxisTitle', 'yAxisTitle', 'subLabel']);
  const walk = (node: unknown, inChoices = false): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inChoices));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const isChart = typeof record.type === 'string' && record.type.startsWith('Chart.');
    for (const [key, value] of Object.entries(record)) {
      if (key === 'data' && !isChart) continue;
      if (typeof value === 'string') {
        if (READ.has(key) || READ_IN_CHARTS.has(key)) found.push(value);
        if (key === 'value' && record.type === undefined && 'title' in record && !inChoices) found.push(value);
      } else if (key === 'values' && isChart) continue;
      else walk(value, key === 'choices');
    }
  };
  walk(card);
  return found;
}

/** Ids the code uses that contain a hyphen (the others are plain words: "head", "paid"). */
const IDS = new Set(
  [
    ...RULE_IDS,
    ...CASE_STATES,
    ...SCHOOL_ROLES,
    ...ROW_ACTIONS,
    ...ACTION_PARTIES,
    ...LEAVE_REASONS,
    ...POLICY_PROFILES.keys(),
  ].filter((id) => id.includes('-')),
);
/** Hyphenated English a slug pattern would otherwise catch. */
const ENGLISH = new Set([
  'safe-and-well',
  'year-to-date',
  'up-to-date',
  'day-to-day',
  'face-to-face',
  'once-in-a-lifetime',
]);

function slugsIn(text: string): string[] {
  const tokens = text.match(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g) ?? [];
  return tokens.filter((t) => IDS.has(t) || (/^[a-z]+(?:-[a-z0-9]+){2,}$/.test(t) && !ENGLISH.has(t)));
}

/** Citations name their sources by title (the sources register in rules/), never by a file name. */
const CITATIONS_NAME_SOURCES_BY_TITLE = true;

const gallery = await buildCardGallery();

describe('the words on every card: dates and times in words, no codes, ids or file names', () => {
  it('every gallery card is a valid Teams card under 28 KB, charts in Teams’ documented shapes with fallbacks', () => {
    for (const { name, card } of gallery) expectValidCard(card, name);
  });

  for (const { name, card } of gallery) {
    const texts = readableText(card);

    it(`${name}: no ISO timestamp or date, no UTC`, () => {
      const found = texts.filter((t) => /\d{4}-\d{2}-\d{2}|\bUTC\b|\d{2}:\d{2}:\d{2}/.test(t));
      expect(found).toEqual([]);
    });

    it(`${name}: no slug or id where words belong`, () => {
      expect(texts.flatMap(slugsIn)).toEqual([]);
    });

    it.skipIf(!CITATIONS_NAME_SOURCES_BY_TITLE)(`${name}: no file name`, () => {
      const found = texts.filter((t) => /\b[\w-]+\.(?:txt|csv|json|xml|pdf|docx?|md)\b/i.test(t));
      expect(found).toEqual([]);
    });
  }
});

describe('the words check bites', () => {
  it('finds an ISO timestamp, a slug and a file name in a bad card', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Recorded: penalty-requested at 2026-12-04T18:47:58.440Z' },
        { type: 'FactSet', facts: [{ title: 'Rule', value: 'deletion-ground-20-days' }] },
        { type: 'TextBlock', text: 'policy-file.txt, para 45' },
      ],
      actions: [{ type: 'Action.Execute', title: 'Done', data: { act: 'home-visit-done', at: '2026-12-04' } }],
    };
    const texts = readableText(bad);
    expect(texts.filter((t) => /\d{4}-\d{2}-\d{2}/.test(t))).toEqual([
      'Recorded: penalty-requested at 2026-12-04T18:47:58.440Z',
    ]);
    expect(texts.flatMap(slugsIn)).toEqual(['penalty-requested', 'deletion-ground-20-days']);
    expect(texts.some((t) => /\.txt\b/.test(t))).toBe(true);
  });

  it('leaves plain hyphenated English alone', () => {
    expect(slugsIn('a safe-and-well check, part-time timetable, support-first, step-parent')).toEqual([]);
  });
});
