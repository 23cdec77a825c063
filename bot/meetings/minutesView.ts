import { CardTooLargeError } from '../../cards/fillCard.ts';
import { renderMinutesCard, type MinutesCardView } from '../../cards/meetings/minutesCard.ts';
import { ACTION_PARTY_LABELS, formatShortDate } from '../../rules/index.ts';
import { yearLabel } from '../queries/describeView.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type MeetingRecord } from './meetingStore.ts';

/** Outcome lines per case on a card (the stored minutes and the case's history keep every one). */
const OUTCOMES_SHOWN = 10;
/** An owner's actions go on a card in groups of this many, so one busy owner cannot overfill a card. */
const ACTIONS_PER_BLOCK = 25;

type Block =
  { kind: 'case'; item: MinutesCardView['cases'][number] } | { kind: 'owner'; item: MinutesCardView['owners'][number] };

function fits(view: MinutesCardView): boolean {
  try {
    renderMinutesCard(view);
    return true;
  } catch (err) {
    if (err instanceof CardTooLargeError) return false;
    throw err;
  }
}

/**
 * The stored minutes as cards: one when they fit under Teams' 28 KB, else as many parts as they need, the
 * cases first and then the actions by owner, each part titled "part n of m". Nothing is left out.
 */
export function minutesCardViews(meeting: MeetingRecord, school: SchoolData): MinutesCardView[] {
  const minutes = meeting.minutes!;
  const title = `Minutes: termly targeting support meeting, ${school.name}, ${formatShortDate(minutes.heldOn)}`;
  const blocks: Block[] = [
    ...minutes.cases.map((c): Block => ({
      kind: 'case',
      item: {
        pupil: `${c.pupilName} (${yearLabel(c.yearGroup)})`,
        stage: c.stage,
        reviewText: c.nextReview ? `; next review ${formatShortDate(c.nextReview)}` : '',
        outcome: (c.outcome.length === 0
          ? ['Discussed; no change recorded']
          : c.outcome.length > OUTCOMES_SHOWN
            ? [
                ...c.outcome.slice(0, OUTCOMES_SHOWN),
                `and ${c.outcome.length - OUTCOMES_SHOWN} more changes: see the case`,
              ]
            : c.outcome
        ).map((line) => ({ line })),
      },
    })),
    ...minutes.actionsByOwner.flatMap((o) => {
      const lines = o.actions.map((a) => ({
        line: `${a.pupilName}: ${a.what} (${ACTION_PARTY_LABELS[a.party]}), by ${formatShortDate(a.due)}`,
      }));
      const groups: Block[] = [];
      for (let i = 0; i < lines.length; i += ACTIONS_PER_BLOCK)
        groups.push({
          kind: 'owner',
          item: { owner: i === 0 ? o.owner : `${o.owner} (continued)`, actions: lines.slice(i, i + ACTIONS_PER_BLOCK) },
        });
      return groups;
    }),
  ];
  const empty = (): MinutesCardView => ({
    title,
    attendees: minutes.attendees.map((a) => a.name).join(', ') || 'nobody recorded',
    caseCount: String(minutes.cases.length),
    cases: [],
    owners: [],
    showActions: false,
    footer:
      'Stored with the school’s cases: the next agenda starts from these actions. Say "actions for me" to see yours.',
  });
  const withBlock = (view: MinutesCardView, block: Block): MinutesCardView =>
    block.kind === 'case'
      ? { ...view, cases: [...view.cases, block.item] }
      : { ...view, owners: [...view.owners, block.item], showActions: true };
  const parts: MinutesCardView[] = [];
  let current = empty();
  let used = 0;
  for (const block of blocks) {
    // The longest title a part can carry, so a part that fits now still fits once numbered.
    const candidate = withBlock(current, block);
    if (used > 0 && !fits({ ...candidate, title: `${title} (part 99 of 99)` })) {
      parts.push(current);
      current = withBlock(empty(), block);
      used = 1;
    } else {
      current = candidate;
      used++;
    }
  }
  if (minutes.actionsByOwner.length === 0) current = { ...current, showActions: true };
  parts.push(current);
  return parts.length === 1
    ? parts
    : parts.map((p, i) => ({ ...p, title: `${title} (part ${i + 1} of ${parts.length})` }));
}
