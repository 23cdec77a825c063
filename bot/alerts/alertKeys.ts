import { createHash } from 'node:crypto';
import { type Finding } from '../../rules/index.ts';

/**
 * The identity of an alert: school + pupil + rule + episode. The same finding on later days has the same
 * key, so it is raised once; acknowledgements are recorded against it.
 */
export function alertKey(schoolUrn: string, finding: Pick<Finding, 'upn' | 'rule' | 'episode'>): string {
  return `${schoolUrn}|${finding.upn}|${finding.rule}|${finding.episode}`;
}

/** An alert delivered to one conversation: each conversation hears each alert once. */
export function deliveryKey(key: string, conversationId: string): string {
  return `${key}@${conversationId}`;
}

/** A short stable id for a card from what it holds, so re-running a scan after a crash makes the same id. */
export function stableCardId(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 20);
}
