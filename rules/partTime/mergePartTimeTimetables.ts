import { type PartTimeTimetable } from './partTimeTimetable.ts';

/** One timetable per pupil and start date: the key a recorded timetable and a bundle's row share. */
export function partTimeTimetableKey(t: Pick<PartTimeTimetable, 'upn' | 'start'>): string {
  return `${t.upn}|${t.start}`;
}

/**
 * The timetables a school's findings are worked out from: the register bundle's, with those recorded in the
 * bot laid over them. A recorded timetable for the same pupil and start date replaces the bundle's row (it
 * is the later word: a review held or the pupil back full time is recorded in the bot, not in the export);
 * the rest keep the bundle's order, and recorded ones for new starts follow, oldest start first.
 */
export function mergePartTimeTimetables(
  bundle: readonly PartTimeTimetable[],
  recorded: readonly PartTimeTimetable[],
): PartTimeTimetable[] {
  if (recorded.length === 0) return [...bundle];
  const byKey = new Map(recorded.map((t) => [partTimeTimetableKey(t), t]));
  const merged = bundle.map((t) => byKey.get(partTimeTimetableKey(t)) ?? t);
  const inBundle = new Set(bundle.map(partTimeTimetableKey));
  const added = [...byKey.values()]
    .filter((t) => !inBundle.has(partTimeTimetableKey(t)))
    .sort((a, b) => (a.upn === b.upn ? (a.start < b.start ? -1 : 1) : a.upn < b.upn ? -1 : 1));
  return [...merged, ...added];
}
