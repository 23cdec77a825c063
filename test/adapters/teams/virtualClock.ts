import { type Clock } from '../../../adapters/teams/clock.ts';

/**
 * Virtual time for pacing tests: `sleep(ms)` yields to other tasks, then moves time forward to the sleeper's
 * wake-up time (never backwards), so a test that waits minutes of backoff runs in milliseconds.
 */
export class VirtualClock implements Clock {
  constructor(private t = Date.UTC(2025, 10, 10, 9, 30)) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    const wakeAt = this.t + Math.max(0, ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        if (wakeAt > this.t) this.t = wakeAt;
        resolve();
      }),
    );
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
