import { hasBundle } from '../import/existingBundle.ts';
import { readRegisterBundle } from '../register/readRegisterBundle.ts';
import { lastMarkedSchoolDay } from '../../rules/index.ts';

/** The last school day a bundle has marks for, or undefined for a folder with no bundle yet (or no marks). */
export function readExistingBundleDates(dir: string): { lastMarked?: string } | undefined {
  if (!hasBundle(dir)) return undefined;
  const { register } = readRegisterBundle(dir);
  const last = lastMarkedSchoolDay(register);
  return { lastMarked: last < 0 ? undefined : register.calendar.dayDate[last] };
}
