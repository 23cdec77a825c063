import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';

export interface FindingsCardFinding {
  title: string;
  reason: string;
  /** The evidence in words: counts, the window, the sessions and their codes. */
  evidence: { label: string; value: string }[];
  nextStep: string;
  citation: string;
}

export interface FindingsCardData {
  /** "Why Amy Smith is on the list" */
  title: string;
  /** "Year 9 · 9B · UPN A123..." */
  subtitle: string;
  school: string;
  asOfLabel: string;
  policyName: string;
  privacyLabel: string;
  /** How many findings, or that there are none and so nothing to explain. */
  intro: string;
  findings: FindingsCardFinding[];
  limitedNote: string;
  /** The question token and `urn|upn` the "Show the pupil's card" button asks with. */
  pupilQuery: string;
  pupilKey: string;
}

const template = cardTemplate<FindingsCardData & { fallbackText: string }>(
  new URL('./findingsCard.json', import.meta.url),
);

export function findingsCardText(data: FindingsCardData): string {
  return [
    `${data.title} (${data.subtitle}), ${data.school}, ${data.asOfLabel}.`,
    data.intro,
    ...data.findings.map((f) =>
      [
        `- ${f.title}: ${f.reason}`,
        ...f.evidence.map((e) => `  ${e.label}: ${e.value}`),
        `  Next step: ${f.nextStep}`,
        `  Source: ${f.citation}`,
      ].join('\n'),
    ),
    data.limitedNote,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** Why a pupil is on the bot's lists: each finding with its reason, evidence, next step and source. */
export function findingsCard(data: FindingsCardData): BotMessage {
  const text = findingsCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
