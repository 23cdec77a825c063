import { type AuditEntry, type AuditQuery } from './stateStore.ts';

/**
 * The audit entries a query asks for, from the log's lines (one JSON entry each, oldest first): those of
 * the school and pupil asked about, the most recent `limit` of them. Both stores keep the log as lines
 * (a file, a Redis list), so both answer through this.
 */
export function auditMatching(lines: readonly string[], query: AuditQuery): AuditEntry[] {
  const entries = lines
    .map((l) => JSON.parse(l) as AuditEntry)
    .filter((e) => (!query.schoolUrn || e.schoolUrn === query.schoolUrn) && (!query.upn || e.upn === query.upn));
  return query.limit === undefined ? entries : entries.slice(Math.max(0, entries.length - query.limit));
}
