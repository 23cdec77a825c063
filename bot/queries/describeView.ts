import { type PrivacyLevel } from '../../adapters/store/stateStore.ts';
import { type CohortFilter } from '../../rules/index.ts';
import { type ConversationInfo } from '../host/featureHost.ts';

/** "1 day", "3 days", "2 pupils": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Year 9", "Reception", "Nursery (N1)": how staff say a year group. */
export function yearLabel(yearGroup: string): string {
  if (yearGroup === 'R') return 'Reception';
  if (/^N\d$/.test(yearGroup)) return `Nursery (${yearGroup})`;
  return `Year ${yearGroup}`;
}

/** What the card says about who may see it, so nobody wonders why a detail is missing. */
export function privacyLabel(privacy: PrivacyLevel, conversation: ConversationInfo, onlyForViewer = false): string {
  const where =
    conversation.type === 'personal'
      ? 'personal chat'
      : conversation.type === 'channel'
        ? 'team channel'
        : 'group chat';
  if (privacy === 'full' && onlyForViewer)
    return 'full detail, shown only to you (others here see names and findings only)';
  if (privacy === 'full')
    return conversation.type === 'personal' ? 'full detail (your personal chat)' : 'full detail (safeguarding channel)';
  return `limited: names and findings only (${where})`;
}

/** Filters naming context flags: they reveal personal data about children and need the full view. */
export function contextFlagFilters(filter: CohortFilter): string[] {
  const named: string[] = [];
  if (filter.fsm !== undefined) named.push('free school meals');
  if (filter.sen !== undefined) named.push('SEN');
  if (filter.socialWorker !== undefined) named.push('social worker');
  if (filter.lookedAfter !== undefined) named.push('looked after');
  if (filter.youngCarer !== undefined) named.push('young carer');
  return named;
}

/** "Year 9, registration group 9B, free school meals" */
export function filtersLabel(filter: CohortFilter): string {
  const parts: string[] = [];
  if (filter.yearGroup !== undefined) parts.push(yearLabel(filter.yearGroup));
  if (filter.regGroup !== undefined) parts.push(`registration group ${filter.regGroup}`);
  if (filter.fsm !== undefined) parts.push(filter.fsm ? 'free school meals' : 'not free school meals');
  if (filter.sen !== undefined)
    parts.push(filter.sen === 'any' ? 'SEN support or EHC plan' : filter.sen === 'ehcp' ? 'EHC plan' : 'SEN support');
  if (filter.socialWorker !== undefined)
    parts.push(filter.socialWorker ? 'with a social worker' : 'without a social worker');
  if (filter.lookedAfter !== undefined) parts.push(filter.lookedAfter ? 'looked after' : 'not looked after');
  if (filter.youngCarer !== undefined) parts.push(filter.youngCarer ? 'young carers' : 'not young carers');
  return parts.join(', ');
}

/** The card line under a filtered list ("Only: Year 9."), or '' when the question named no group. */
export function filtersText(filter: CohortFilter): string {
  const label = filtersLabel(filter);
  return label === '' ? '' : `Only: ${label}.`;
}

/**
 * The refusal for a limited conversation asked to filter by context flags (that would tell everyone in it
 * about those pupils' circumstances); undefined when the filter may be used here.
 */
export function contextFilterRefusal(limited: boolean, filter: CohortFilter): string | undefined {
  const flags = contextFlagFilters(filter);
  if (!limited || flags.length === 0) return undefined;
  return `Filtering by ${flags.join(' and ')} would tell everyone in this conversation about those pupils' circumstances. Ask me in a personal chat, or in the school's safeguarding channel.`;
}
