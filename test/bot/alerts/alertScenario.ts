import { AUTUMN_2025, makeRegister, type FixturePupil } from '../../support/registerFixture.ts';
import { type Register } from '../../../rules/register/register.ts';

/** Wednesday 12 November 2025: the scan's as-of date in alert tests. */
export const SCAN_DAY = '2025-11-12';

/**
 * A school as alerts see it on SCAN_DAY, one pupil per situation the issue names. Register marks stop on
 * SCAN_DAY, as an export taken that afternoon would.
 */
export const ALERT_PUPILS: Record<string, FixturePupil> = {
  dayOne: { givenName: 'Amy', familyName: 'Day-One', yearGroup: '7', days: { [SCAN_DAY]: 'N' } },
  dayThree: {
    givenName: 'Ben',
    familyName: 'Third-Day',
    yearGroup: '8',
    days: { '2025-11-10': 'N', '2025-11-11': 'N', [SCAN_DAY]: 'N' },
  },
  withSocialWorker: {
    givenName: 'Cara',
    familyName: 'Worker',
    yearGroup: '9',
    socialWorker: true,
    days: { [SCAN_DAY]: 'N/' },
  },
  overdue: { givenName: 'Dan', familyName: 'Old-N', yearGroup: '10', days: { '2025-10-01': 'N/' } },
  sickFifteen: {
    givenName: 'Eve',
    familyName: 'Fifteen',
    yearGroup: '7',
    spans: [
      ['2025-10-13', '2025-10-24', 'I'],
      ['2025-11-04', '2025-11-10', 'I'],
    ],
  },
  sickFourteen: {
    givenName: 'Fay',
    familyName: 'Fourteen',
    yearGroup: '7',
    spans: [
      ['2025-10-13', '2025-10-24', 'I'],
      ['2025-11-04', '2025-11-07', 'I'],
    ],
  },
  continuous: {
    givenName: 'Hal',
    familyName: 'Missing',
    yearGroup: '10',
    spans: [
      ['2025-10-22', '2025-10-24', 'O'],
      ['2025-11-04', SCAN_DAY, 'O'],
    ],
  },
  holiday: { givenName: 'Ida', familyName: 'Holiday', yearGroup: '8', spans: [['2025-10-13', '2025-10-17', 'G']] },
  present: { givenName: 'Gus', familyName: 'Present', yearGroup: '11' },
};

export function alertRegister(urn = '100001', name = 'Oakfield Academy'): Register {
  return makeRegister({
    school: { urn, name, policy: 'national' },
    calendar: AUTUMN_2025,
    pupils: Object.values(ALERT_PUPILS).map((p) => ({ ...p, marksUntil: SCAN_DAY })),
  });
}
