/**
 * How much of a pupil's detail a conversation may be shown. `limited`: names, year group, the finding and
 * its figures, never context flags or medical or family detail; `full`: everything, for a personal chat of
 * staff whose role allows it or a school's safeguarding channel (Keeping Children Safe in Education; UK GDPR).
 */
export type PrivacyLevel = 'limited' | 'full';
