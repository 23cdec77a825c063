import { type Clock } from '../../../adapters/teams/clock.ts';

/**
 * Virtual time for pacing tests: `sleep(ms)` yields to other tasks, then moves time forward to the sleeper's
 * wake-up time (never backwards), so a test that waits minutes of backoff runs in milliseconds. While real
 * work is held (`hold`/`release`, e.g. an HTTP request on the wire) time stands still, so what the far end
 * records is the time the request was sent.
 */
export class VirtualClock implements Clock {
  private held = 0;
  private waiting: (() => void)[] = [];

  constructor(private t = Date.UTC(2025, 10, 10, 9, 30)) {}

  hold(): void {
    this.held++;
  }

  release(): void {
    this.held--;
    if (this.held > 0) return;
    const wake = this.waiting;
    this.waiting = [];
    for (const w of wake) setImmediate(w);
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    const wakeAt = this.t + Math.max(0, ms);
    return new Promise((resolve) => {
      const wake = () => {
        if (this.held > 0) {
          this.waiting.push(wake);
          return;
        }
        if (wakeAt > this.t) this.t = wakeAt;
        resolve();
      };
      setImmediate(wake);
    });
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
