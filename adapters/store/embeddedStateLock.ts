import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from './embeddedStateFile.ts';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock file, so a second bot process on the same directory fails at start
 * instead of silently overwriting the first one's state. A lock left by a process that has died is taken over.
 * Returns the lock file's path, for `releaseLock`.
 */
export function takeLock(dir: string): string {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new Error(
          `the state directory ${dir} is in use by process ${holder}; the embedded store allows one bot process (set REDIS_URL to run several)`,
          { cause: err },
        );
      }
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock the state directory ${dir}`);
}

/** Gives the directory up on close. */
export function releaseLock(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}
