/** Median wall-clock milliseconds of `runs` calls after `warmup` unmeasured ones. */
export function medianMs(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function medianMsAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Peak resident set size of this process so far, in MB. Node reports the OS's high-water mark
 * (getrusage maxrss), so a short spike between samples is not missed.
 */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function round(value: number, places = 1): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

/** Reads `--name value` from argv; undefined when absent. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Reads `--pupils N` (underscores and commas allowed), or the fallback. */
export function pupilsArg(argv: readonly string[], fallback: number): number {
  const text = argValue(argv, '--pupils');
  if (text === undefined) return fallback;
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 20) throw new RangeError(`--pupils ${text}: give a whole number of at least 20`);
  return n;
}
