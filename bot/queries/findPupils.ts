import { type Pupil, pupilName } from '../../rules/index.ts';

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9' -]+/g, ' ')
    .split(/[\s-]+/)
    .map((w) => w.replace(/'/g, ''))
    .filter((w) => w !== '');
}

/**
 * Pupils whose name matches what was typed: the full name exactly if any pupil has it, otherwise every
 * pupil whose name words start with each typed word ("amy s" finds Amy Smith and Amy Stone). Returns
 * indexes into `pupils`; several means the bot must ask which one.
 */
export function findPupils(pupils: readonly Pupil[], typed: string): number[] {
  const wanted = words(typed);
  if (wanted.length === 0) return [];
  const names = pupils.map((p) => words(pupilName(p)));
  const exact = names.flatMap((n, i) => (n.join(' ') === wanted.join(' ') ? [i] : []));
  if (exact.length > 0) return exact;
  return names.flatMap((n, i) => (wanted.every((w) => n.some((part) => part.startsWith(w))) ? [i] : []));
}
