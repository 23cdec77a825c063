import { closeSync, fdatasyncSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  readEmbeddedState,
  STATE_FILE,
  syncDirectory,
  TEMP_STATE_FILE,
  writeAllSync,
  writeEmbeddedState,
  type EmbeddedState,
} from './embeddedStateFile.ts';
import { journalFileName, journalFiles, journalLineText, type JournalOp } from './embeddedStateJournal.ts';

export interface EmbeddedStateDiskOptions {
  /**
   * The journal is folded into a new `state.json` once it is longer than this or than `state.json` itself,
   * whichever is more, so the bytes written stay within a small multiple of the bytes changed.
   */
  compactAfterBytes?: number;
}

const DEFAULT_COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * The embedded store's writes: each group of changes appended to the journal as one line and
 * fdatasynced, and now and then the whole state written to a new `state.json` (a new generation) in
 * place of the journal. Used only by the process holding the directory's lock.
 */
export class EmbeddedStateDisk {
  private journalFd: number | null = null;
  private journalBytes = 0;
  /** Set when a journal write failed part-way: the next write starts a new generation instead of appending after it. */
  private mustCompact = false;

  private constructor(
    private readonly dir: string,
    private snapshotBytes: number,
    private readonly compactAfterBytes: number,
  ) {}

  /**
   * Reads the saved state and tidies what an interrupted process left: temporary files never renamed,
   * journals of older generations (already in `state.json`). A journal of the current generation is
   * folded into a new `state.json` at once, so nothing is ever appended after a line a crash cut short.
   */
  static load(dir: string, options: EmbeddedStateDiskOptions = {}): { state: EmbeddedState; disk: EmbeddedStateDisk } {
    const state = readEmbeddedState(dir);
    const names = readdirSync(dir);
    for (const name of names) if (TEMP_STATE_FILE.test(name)) unlinkIfThere(join(dir, name));
    let current = false;
    for (const { name, generation } of journalFiles(names)) {
      if (generation === state.generation) current = true;
      else unlinkIfThere(join(dir, name));
    }
    let snapshotBytes = 0;
    try {
      snapshotBytes = statSync(join(dir, STATE_FILE)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const disk = new EmbeddedStateDisk(dir, snapshotBytes, options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES);
    if (current) disk.compact(state);
    return { state, disk };
  }

  /**
   * Saves one group of changes (already applied to `state`): one journal line, or a new `state.json` when
   * the journal has grown past its bound. Returns once it is on disk; throws if it is not.
   */
  save(state: EmbeddedState, ops: readonly JournalOp[]): void {
    const line = journalLineText(ops);
    const bound = Math.max(this.compactAfterBytes, this.snapshotBytes);
    if (this.mustCompact || this.journalBytes + Buffer.byteLength(line) > bound) {
      this.compact(state);
      return;
    }
    try {
      if (this.journalFd === null) {
        this.journalFd = openSync(join(this.dir, journalFileName(state.generation)), 'a');
        syncDirectory(this.dir);
      }
      this.journalBytes += writeAllSync(this.journalFd, line);
      fdatasyncSync(this.journalFd);
    } catch (err) {
      this.mustCompact = true;
      throw err;
    }
  }

  /** Writes the whole state as the next generation and drops the journal it replaces. */
  compact(state: EmbeddedState): void {
    this.mustCompact = true;
    this.closeJournal();
    const previous = state.generation;
    this.snapshotBytes = writeEmbeddedState(this.dir, { ...state, generation: previous + 1 });
    state.generation = previous + 1;
    this.mustCompact = false;
    this.journalBytes = 0;
    // A crash before this line leaves a journal of an older generation, which opening removes unread.
    unlinkIfThere(join(this.dir, journalFileName(previous)));
  }

  close(): void {
    this.closeJournal();
  }

  private closeJournal(): void {
    if (this.journalFd === null) return;
    const fd = this.journalFd;
    this.journalFd = null;
    closeSync(fd);
  }
}
