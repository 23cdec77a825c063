/** How people say each role configured per school, for "decided by Helen Head (head)" lines. */
const ROLE_NAMES: Record<string, string> = {
  'attendance-lead': 'attendance lead',
  'designated-safeguarding-lead': 'designated safeguarding lead',
  head: 'head',
  'la-officer': 'local authority officer',
  staff: 'member of staff',
};

/** A role in words; an unknown role is shown with its hyphens as spaces rather than as a code. */
export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role.replace(/-/g, ' ');
}
