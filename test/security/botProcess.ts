import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real entry point, `npm start`'s bot/main.ts, in a process of its own so a test can see it survive. */
const MAIN = fileURLToPath(new URL('../../bot/main.ts', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  port: number;
  host: string;
  stdout(): string;
  stderr(): string;
  /** JSON log lines (stdout) with the given event. */
  events(event: string): Record<string, unknown>[];
  /** Resident memory in MB (Linux /proc). */
  rssMb(): number;
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts bot/main.ts with exactly `env` (plus PATH) and waits for its `bot.started` line. Rejects with the
 * process's stderr if it exits first.
 */
export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const events = (event: string) =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.event === event);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start within 60 s: ${err.slice(0, 800)}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new ExitedError(code, err));
    });
    const onData = () => {
      const started = events('bot.started')[0];
      if (!started) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.removeAllListeners('exit');
      resolve({
        child,
        port: Number(started.port),
        host: String(started.host),
        stdout: () => out,
        stderr: () => err,
        events,
        rssMb: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        },
        alive: () => child.exitCode === null && child.signalCode === null,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** The bot process ended before it listened (a configuration it refused). */
export class ExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`bot exited (${code}): ${stderr.slice(0, 800)}`);
    this.name = 'ExitedError';
  }
}

/** Runs bot/main.ts expecting it to refuse to start; resolves with its exit code and stderr. */
export async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  try {
    const bot = await startBotProcess(env);
    await bot.stop();
    throw new Error(`the bot started (mode ${bot.events('bot.started')[0]?.mode}) but should have refused`);
  } catch (err) {
    if (err instanceof ExitedError) return { code: err.code, stderr: err.stderr };
    throw err;
  }
}
