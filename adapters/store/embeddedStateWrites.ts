import { type EmbeddedStateDisk } from './embeddedStateDisk.ts';
import { appendAuditLines, type EmbeddedState } from './embeddedStateFile.ts';
import { journalOpFor, type JournalPath } from './embeddedStateJournal.ts';
import { type AuditEntry } from './stateStore.ts';

/**
 * The embedded store's queue of writes to its directory: saves of the state (embeddedStateDisk.ts) and
 * appends to the audit log, run one at a time and in the order asked for, so a caller hears that its
 * change is saved only once it is on disk.
 */
export class EmbeddedStateWrites {
  private chain: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | null = null;
  private scheduledAudit: Promise<void> | null = null;
  /** Entries changed since the last save, by path: the next save writes each one's value as it is then. */
  private readonly changed = new Map<string, JournalPath>();
  private auditLines: string[] = [];
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly state: EmbeddedState,
    private readonly disk: EmbeddedStateDisk,
  ) {}

  /**
   * Every change is applied in memory at once, noting the entries it touched, then waits for a save that
   * starts after it. Saves run one at a time, and every change made before one starts goes into it (one
   * journal line, one fdatasync), so changes made together (a scan's card records, a batch of audit
   * lines) cost one write between them; each caller hears only once the save holding its change is done.
   */
  persist(...paths: JournalPath[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the state store is closed'));
    for (const path of paths) this.changed.set(path.join('\u0000'), path);
    if (this.scheduled) return this.scheduled;
    const write = this.chain.then(() => {
      this.scheduled = null;
      const ops = [...this.changed.values()].map((path) => journalOpFor(this.state, path));
      this.changed.clear();
      // A failed save leaves the disk to write the whole state next time, so these changes are not lost
      // to later saves; this one's callers hear that it failed.
      this.disk.save(this.state, ops);
    });
    this.scheduled = write;
    this.chain = write.catch(() => undefined);
    return write;
  }

  /**
   * Appended through the same queue as state saves, so audit lines keep their order; entries appended
   * before an append starts share it (one write, one fsync).
   */
  async appendAudit(entry: AuditEntry): Promise<void> {
    if (this.closed) throw new Error('the state store is closed');
    this.auditLines.push(`${JSON.stringify(entry)}\n`);
    if (!this.scheduledAudit) {
      const write = this.chain.then(() => {
        this.scheduledAudit = null;
        const lines = this.auditLines;
        this.auditLines = [];
        appendAuditLines(this.dir, lines);
      });
      this.scheduledAudit = write;
      this.chain = write.catch(() => undefined);
    }
    await this.scheduledAudit;
  }

  /** Resolves once every write asked for so far has finished (or failed). */
  settled(): Promise<void> {
    return this.chain;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits for pending writes, then refuses any more and closes the journal. */
  async close(): Promise<void> {
    await this.chain;
    this.closed = true;
    this.disk.close();
  }
}
