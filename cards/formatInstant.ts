/**
 * When something happened, for a person to read: in words, in London time (schools in England keep it,
 * whatever zone the server runs in), e.g. "Fri, 16 Jan 2026, 9:52 am". Stored instants are ISO 8601 in UTC;
 * none of that shows on a card.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

export function formatInstant(instant: string): string {
  const date = new Date(instant);
  // A record written before instants were checked could hold anything; show it rather than "Invalid Date".
  if (Number.isNaN(date.getTime())) return instant;
  return LONDON.format(date).replace(/\b(am|pm)\b/i, (m) => m.toLowerCase());
}
