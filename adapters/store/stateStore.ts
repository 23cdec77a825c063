/**
 * Everything the bot must remember between turns and across restarts, behind one small interface with two
 * implementations: `EmbeddedStateStore` (a JSON file in a data directory, one process) and
 * `RedisStateStore` (shared by several bot instances). The contract tests in
 * `test/adapters/store/stateStoreContract.ts` run against both, so callers may rely on every promise below
 * whichever one they are handed.
 *
 * Values are plain JSON. Conversation references are kept opaque (`unknown`): only the wiring module that
 * owns the Teams SDK knows their shape.
 */

import { type PrivacyLevel } from '../../rules/index.ts';

/** Who can read a conversation decides what a card may show. */
export type { PrivacyLevel };

export type ConversationScope = 'channel' | 'groupChat' | 'personal';

/** A conversation the app is installed in, with the reference needed to post to it proactively. */
export interface ConversationRecord {
  conversationId: string;
  scope: ConversationScope;
  tenantId?: string;
  /** The SDK's conversation reference, stored as given and handed back to the sender unchanged. */
  reference: unknown;
  installedAt: string;
  /** Who installed it (AAD object id or Teams user id), for the audit trail. */
  installedBy?: string;
}

/** Which school a channel or group chat speaks for, and what it may see and hear. */
export interface ConversationBinding {
  conversationId: string;
  schoolUrn: string;
  privacy: PrivacyLevel;
  /** Alert kinds this conversation has switched off (`alerts off <kind>`); everything else is on. */
  alertsOff: string[];
  boundAt: string;
  boundBy?: string;
}

/** An LA officer's personal-scope subscription to schools' LA-facing alerts. */
export interface Subscription {
  userId: string;
  /** The officer's personal conversation with the bot, where the alerts go. */
  conversationId: string;
  /** School URNs followed, or `all` for every school the bot holds. */
  schools: string[] | 'all';
  updatedAt: string;
}

export const SCHOOL_ROLES = ['attendance-lead', 'designated-safeguarding-lead', 'head', 'la-officer', 'staff'] as const;
export type SchoolRole = (typeof SCHOOL_ROLES)[number];

/** A message waiting to go to Teams. Persisted before the first attempt so a crash cannot lose it. */
export interface OutboxItem {
  id: string;
  conversationId: string;
  tenantId?: string;
  /** What to send: the text every client shows, and the Adaptive Card when there is one. */
  message: OutboxMessage;
  /** What sort of message it is (`alert:unexplained`, …): for logs and reports, never pupil detail. */
  kind: string;
  createdAt: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Epoch ms before which nobody may claim it: a retry's backoff, or the lease of whoever holds it. */
  availableAt: number;
  /** The sender instance that holds the lease, while one does. */
  leaseOwner?: string;
  /** Epoch ms of the first attempt, so giving up can be bounded in time. */
  firstAttemptAt?: number;
  lastError?: string;
  /** The id Teams gave the sent activity (to update the card later). */
  activityId?: string;
  finishedAt?: number;
}

/** What `enqueue` needs: the rest of an `OutboxItem` is set by the store. */
export type NewOutboxItem = Pick<OutboxItem, 'id' | 'conversationId' | 'tenantId' | 'message' | 'kind' | 'createdAt'>;

/** One item of an `enqueueMany` batch, with the alert keys it records. */
export interface OutboxEntry {
  item: NewOutboxItem;
  alertKeys: readonly string[];
}

/** The same shape as the bot host's `BotMessage`, kept here so the store does not depend on the bot. */
export interface OutboxMessage {
  text: string;
  card?: { type: 'AdaptiveCard'; version: string; [key: string]: unknown };
}

/**
 * The result of `enqueue`: `duplicate` when the id or one of the alert keys was already recorded, in which
 * case nothing was written (another scan, perhaps on another instance, got there first).
 */
export type EnqueueResult = 'enqueued' | 'duplicate';

/** Someone acting on an alert ("parents called", "reason received: I"). */
export interface Acknowledgement {
  alertKey: string;
  action: string;
  by: string;
  byName?: string;
  at: string;
  /** The register code chosen for "reason received". */
  code?: string;
}

/** One line of the append-only audit log: who did or saw what, when, about which pupil. */
export interface AuditEntry {
  at: string;
  /** User id, or `system:<component>` for the bot's own actions (sends given up, references dropped). */
  who: string;
  what: string;
  schoolUrn?: string;
  upn?: string;
  /** Ids and counts only: never names or marks. */
  detail?: Record<string, string | number | boolean>;
}

export interface AuditQuery {
  schoolUrn?: string;
  upn?: string;
  /** The most recent `limit` entries (oldest first). */
  limit?: number;
}

/** A record in a namespace (decisions, cases, meetings, alert cards), with its version for optimistic updates. */
export interface VersionedRecord<T = unknown> {
  id: string;
  value: T;
  /** 1 for a new record, +1 on every put. */
  version: number;
}

export interface StateStore {
  // Conversations the app is installed in.
  putConversation(record: ConversationRecord): Promise<void>;
  getConversation(conversationId: string): Promise<ConversationRecord | null>;
  /** Forget the conversation and its binding (uninstall, or Teams answered 403). True if it was known. */
  removeConversation(conversationId: string): Promise<boolean>;
  listConversations(): Promise<ConversationRecord[]>;

  // Conversation -> school.
  putBinding(binding: ConversationBinding): Promise<void>;
  getBinding(conversationId: string): Promise<ConversationBinding | null>;
  listBindings(): Promise<ConversationBinding[]>;

  // LA officers' subscriptions, one per user.
  putSubscription(subscription: Subscription): Promise<void>;
  getSubscription(userId: string): Promise<Subscription | null>;
  listSubscriptions(): Promise<Subscription[]>;

  // Per-school roles.
  setRole(schoolUrn: string, userId: string, role: SchoolRole | null): Promise<void>;
  getRole(schoolUrn: string, userId: string): Promise<SchoolRole | null>;
  listRoles(schoolUrn: string): Promise<{ userId: string; role: SchoolRole }[]>;

  // Alert keys already raised (school + pupil + rule + episode [+ audience]).
  /** The subset of `keys` already recorded. */
  sentAlertKeys(keys: readonly string[]): Promise<Set<string>>;

  // The outbox.
  /**
   * Atomically records `alertKeys` and queues the item, or does neither (`duplicate`) when the item id or
   * any of the keys is already recorded. Recording both at once is what makes a scan exactly-once: a
   * crash leaves either nothing (the next scan raises it again) or a queued item (the sender delivers it).
   */
  enqueue(item: NewOutboxItem, alertKeys: readonly string[]): Promise<EnqueueResult>;
  /**
   * `enqueue` for each entry in order, as one atomic step: a crash leaves all of the batch's queued items
   * or none. An entry is `duplicate` (and writes nothing) when its id or any of its keys is already
   * recorded, by an earlier entry of the same batch too; the others are queued. One result per entry, in
   * order. For a scan, which queues a school's cards together at the cost of one write instead of one each.
   */
  enqueueMany(entries: readonly OutboxEntry[]): Promise<EnqueueResult[]>;
  /**
   * Leases up to `limit` pending items whose `availableAt` has passed (oldest first) to `owner` until
   * `now + leaseMs`. An item whose lease has run out (its holder crashed) can be claimed again; no two
   * callers ever hold the same item at once.
   */
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  /** Teams accepted it. False (and nothing changes) if `owner` no longer holds the lease. */
  markSent(id: string, owner: string, now: number, activityId?: string): Promise<boolean>;
  /** Put it back for another attempt at `retryAt`, counting the attempt. False if the lease was lost. */
  release(id: string, owner: string, retryAt: number, error: string, firstAttemptAt: number): Promise<boolean>;
  /** Given up (or undeliverable). False if the lease was lost. */
  markFailed(id: string, owner: string, now: number, error: string): Promise<boolean>;
  /**
   * Gives back the leases `owner` holds on pending items, except those in `keep`, making them claimable at
   * `now`. For an instance that lost its store mid-drain and has it back: what it had claimed but not sent
   * goes out at once instead of waiting out its own lease. Returns how many were released.
   */
  releaseLeases(owner: string, now: number, keep: readonly string[]): Promise<number>;
  getOutboxItem(id: string): Promise<OutboxItem | null>;
  /** Items in a state, for reports and tests. */
  listOutbox(state?: OutboxItem['state']): Promise<OutboxItem[]>;
  /**
   * Earliest `availableAt` of a pending item nobody holds a lease on (a new item, or one waiting to be
   * retried), or null when there is none: what a drain should wait for. Items leased by another instance
   * are that instance's to finish; if it dies, the lease runs out and the next claim takes them.
   */
  nextPendingAt(): Promise<number | null>;

  // Acknowledgements of alerts.
  addAcknowledgement(ack: Acknowledgement): Promise<void>;
  listAcknowledgements(alertKey: string): Promise<Acknowledgement[]>;
  /** Which of `alertKeys` have at least one acknowledgement. */
  acknowledgedKeys(alertKeys: readonly string[]): Promise<Set<string>>;

  // The audit log.
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;

  // Generic namespaced records for decisions, cases, meetings and alert cards.
  getRecord<T = unknown>(namespace: string, id: string): Promise<VersionedRecord<T> | null>;
  /**
   * Writes `value`. `expectedVersion` is the version read (null for "must not exist yet"); if the record
   * has moved on, nothing is written and a `VersionConflictError` is thrown: read again and retry.
   */
  putRecord<T = unknown>(
    namespace: string,
    id: string,
    value: T,
    expectedVersion: number | null,
  ): Promise<VersionedRecord<T>>;
  listRecords<T = unknown>(namespace: string): Promise<VersionedRecord<T>[]>;
  deleteRecord(namespace: string, id: string): Promise<boolean>;

  close(): Promise<void>;
}

/** Someone else wrote the record between your read and your write. */
export class VersionConflictError extends Error {
  constructor(
    readonly namespace: string,
    readonly id: string,
    readonly expected: number | null,
    readonly actual: number | null,
  ) {
    super(
      `record ${namespace}/${id} is at version ${actual ?? 'none'}, not ${expected ?? 'none'}: read it again and retry`,
    );
    this.name = 'VersionConflictError';
  }
}

/**
 * Read-modify-write with retries on conflict: `change` gets the current value (or null) and returns the
 * new one. For cards several people press at once, meeting notes, case histories.
 */
export async function updateRecord<T>(
  store: StateStore,
  namespace: string,
  id: string,
  change: (current: T | null) => T,
  attempts = 5,
): Promise<VersionedRecord<T>> {
  for (let i = 0; ; i++) {
    const current = await store.getRecord<T>(namespace, id);
    try {
      return await store.putRecord<T>(
        namespace,
        id,
        change(current ? current.value : null),
        current ? current.version : null,
      );
    } catch (err) {
      if (!(err instanceof VersionConflictError) || i + 1 >= attempts) throw err;
    }
  }
}
