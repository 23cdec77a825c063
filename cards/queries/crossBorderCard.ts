import { type BotMessage } from '../cardTypes.ts';
import { cardTemplate } from '../fillCard.ts';
import { type ListCardData } from './listCard.ts';

/** A pupil who lives in another local authority, and what each authority does about their findings now. */
export interface CrossBorderCardRow {
  name: string;
  year: string;
  /** "Lives in LA 830; the school is in Derby (LA 831)" */
  lives: string;
  /** Who acts on the pupil's findings now: "Penalty notice: the School LA, under its own code of conduct". */
  acts: { line: string }[];
  /** When no finding of the pupil's splits between the authorities. */
  noneText: string;
  /** Limited view of a pupil with a finding about safeguarding detail, left out here. */
  safeguarding: boolean;
}

export type CrossBorderCardData = Omit<ListCardData, 'rows'> & {
  rows: CrossBorderCardRow[];
  /** Every duty that splits between the two authorities, and who holds it, under the profile. */
  duties: { what: string; how: string }[];
  /** Schools the answer cannot cover, and pupils left out because the roster does not say where they live. */
  notes: { text: string }[];
};

const template = cardTemplate<CrossBorderCardData & { fallbackText: string }>(
  new URL('./crossBorderCard.json', import.meta.url),
);

/** Text for clients without cards: the pupils, what acts now, then who acts for what. */
export function crossBorderCardText(data: CrossBorderCardData): string {
  const head = `${data.title}: ${data.countText} ${data.school}, ${data.asOfLabel}, policy ${data.policyName}.`;
  const rows =
    data.rows.length === 0
      ? [data.emptyText]
      : data.rows.map((r) =>
          [
            `- ${r.name} (${r.year}): ${r.lives}.`,
            ...(r.acts.length === 0 ? [`  ${r.noneText}`] : r.acts.map((a) => `  ${a.line}`)),
            ...(r.safeguarding ? ['  Extra safeguarding steps apply.'] : []),
          ].join('\n'),
        );
  const duties = data.duties.map((d) => `- ${d.what}: ${d.how}`);
  return [
    head,
    ...rows,
    data.pageText,
    ...data.notes.map((n) => n.text),
    duties.length ? 'Who acts for a pupil who lives in another local authority:' : '',
    ...duties,
    data.citation,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** Pupils whose home local authority is not the school's, one page of them, with who acts for what. */
export function crossBorderCard(data: CrossBorderCardData): BotMessage {
  const text = crossBorderCardText(data);
  return { text, card: template.fill({ ...data, fallbackText: text }) };
}
