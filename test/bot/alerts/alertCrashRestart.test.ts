import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readEmbeddedState } from '../../../adapters/store/embeddedStateFile.ts';
import { VirtualClock } from '../../adapters/teams/virtualClock.ts';
import { SCAN_TOKEN, startAlertBot, writeAlertSchool, type AlertBot } from './alertBot.ts';
import { ScriptedConnector } from './scriptedConnector.ts';
import { installationUpdate, post } from './teamsActivity.ts';

const CHANNELS = Array.from({ length: 8 }, (_, i) => `19:crash-${i}@thread.tacv2`);
const CARDS_PER_CHANNEL = 5;

function startChild(stateDir: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./alertBotProcess.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, stateDir, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
    child.once('exit', (code) =>
      reject(new Error(`bot process exited (${code}) before listening: ${err.slice(0, 500)}`)),
    );
  });
}

/** Outbox items marked sent, read straight from the embedded store's files (the child holds its lock). */
function sentInStateFile(stateDir: string): number {
  try {
    return Object.values(readEmbeddedState(stateDir).outbox).filter((i) => i.state === 'sent').length;
  } catch {
    return 0;
  }
}

/** Waits for a condition the other process brings about (polling; fails after 20 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 20_000) throw new Error('the bot process did not get there within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the bot killed mid-outbox and restarted', () => {
  const root = mkdtempSync(join(tmpdir(), 'crash-'));
  const stateDir = join(root, 'state');
  const dataDir = writeAlertSchool();
  let connector: ScriptedConnector;
  let restarted: AlertBot | undefined;

  afterAll(async () => {
    await restarted?.close();
    await connector?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('delivers every alert exactly once', { timeout: 60_000 }, async () => {
    connector = await new ScriptedConnector().start();
    const { child, url } = await startChild(stateDir, dataDir);
    for (const id of CHANNELS)
      expect((await post(`${url}/api/messages`, installationUpdate(connector.url, id))).status).toBe(200);
    const welcomes = connector.requests.length;
    // Teams accepts 12 alerts; every later request reaches it but is never answered. Once the 12 are
    // marked sent, the process is killed with those requests still in flight.
    let alerts = 0;
    connector.answer = () => (++alerts <= 12 ? { status: 200 } : 'hang');
    const scanned = await post(`${url}/api/scan`, undefined, { authorization: `Bearer ${SCAN_TOKEN}` });
    expect(scanned.body).toMatchObject({ queued: CHANNELS.length * CARDS_PER_CHANNEL });
    await until(() => sentInStateFile(stateDir) === 12 && alerts > 12);
    child.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    expect(connector.accepted().length - welcomes).toBe(12);
    expect(sentInStateFile(stateDir)).toBe(12);

    // Restart on the same data directory, once the dead process's leases have run out.
    connector.answer = () => ({ status: 200 });
    restarted = await startAlertBot({ stateDir, dataDir, clock: new VirtualClock(Date.now() + 121_000) });
    await restarted.runtime.deliver();
    const alertsAccepted = connector
      .accepted()
      .slice(welcomes)
      .map((r) => `${r.conversationId}|${String(r.activity.summary)}`);
    expect(alertsAccepted).toHaveLength(CHANNELS.length * CARDS_PER_CHANNEL);
    expect(new Set(alertsAccepted).size).toBe(alertsAccepted.length);
    expect(await restarted.store.listOutbox('pending')).toEqual([]);
  });
});
