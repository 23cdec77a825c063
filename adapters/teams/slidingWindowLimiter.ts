import { type RateWindow } from './pacingLimits.ts';

/**
 * Remembers when each key (a conversation, a tenant) last sent, and says how long to wait before the next
 * send keeps every window's count. A send at time t counts against a window of w ms until t + w: the same
 * rule a server uses when it counts requests in any w-ms span.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly longest: number;
  private readonly keep: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
    this.keep = Math.max(0, ...windows.map((w) => w.count));
  }

  /** Milliseconds until `key` may send again (0 = now). */
  waitFor(key: string, now: number): number {
    let wait = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    const times = this.sent.get(key);
    if (!times) return wait;
    for (const { count, windowMs } of this.windows) {
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i] > now - windowMs; i--) inWindow++;
      if (inWindow >= count) {
        // The oldest send that keeps the window full must leave it first.
        const blocking = times[times.length - count];
        wait = Math.max(wait, blocking + windowMs - now);
      }
    }
    return wait;
  }

  record(key: string, now: number): void {
    const times = this.sent.get(key) ?? [];
    times.push(now);
    // Only the last `keep` sends within the longest window can ever block.
    while (times.length > this.keep || (times.length > 0 && times[0] <= now - this.longest)) times.shift();
    this.sent.set(key, times);
  }

  /** Teams said to wait (429 Retry-After): nothing more for `key` until `until`. */
  pause(key: string, until: number): void {
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }
}
