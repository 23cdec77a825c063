/**
 * `npm run bench:alerts -- [--pupils 60000] [--json]`: an alert scan of a whole generated authority on the
 * engine, through the real scanner (`bot/alerts/alertScanner.ts`) and the embedded store in a temp folder:
 * one channel bound to each school, every school scanned at one as-of date. Times the engine's findings
 * for every school (cold: indexing each register first, as the first scan after start-up does; warm: the
 * engines already built), then the whole scan twice: the first plans and queues every alert, the second
 * finds them all already queued (what a scan on an unchanged register costs). Each scan's time waiting on
 * the store is measured too (`storeWaitTimer`), so what is left is the scanner's own work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { EmbeddedStateStore } from '../adapters/store/embeddedStateStore.ts';
import { AlertScanner } from '../bot/alerts/alertScanner.ts';
import { silentLog } from '../bot/log.ts';
import { engineFindings } from '../bot/schools/findingsCache.ts';
import { type SchoolData } from '../bot/schools/schoolData.ts';
import { nationalProfile as policy } from '../rules/policies/national.ts';
import { argValue, peakRssMb, pupilsArg, round } from './benchTiming.ts';
import { generatedAuthority } from './generatedAuthority.ts';
import { storeWaitTimer } from './storeWaitTimer.ts';

const argv = process.argv.slice(2);
const pupils = pupilsArg(argv, 60_000);
const asOf = argValue(argv, '--as-of') ?? '2025-03-26';
const json = argv.includes('--json');

const registers = generatedAuthority(pupils);
const schools: SchoolData[] = registers.map((register, i) => ({
  urn: register.school.urn ?? String(100000 + i),
  name: register.school.name,
  register,
  policy,
  asOf,
  dir: 'generated',
}));

function allFindings(): number {
  let n = 0;
  for (const school of schools) n += engineFindings(school, asOf).length;
  return n;
}
let start = performance.now();
const findings = allFindings();
const coldMs = performance.now() - start;
start = performance.now();
allFindings();
const warmMs = performance.now() - start;

const dir = mkdtempSync(join(os.tmpdir(), 'bench-alerts-'));
const embedded = EmbeddedStateStore.open(dir);
const { store, waitedMs } = storeWaitTimer(embedded);
const at = new Date(`${asOf}T09:30:00Z`).toISOString();
for (const school of schools) {
  const conversationId = `19:${school.urn}@thread.tacv2`;
  await store.putConversation({ conversationId, scope: 'channel', tenantId: 'bench', reference: {}, installedAt: at });
  await store.putBinding({ conversationId, schoolUrn: school.urn, privacy: 'limited', alertsOff: [], boundAt: at });
}
const scanner = new AlertScanner(schools, store, silentLog, () => new Date(at));
let waitedBefore = waitedMs();
start = performance.now();
const first = await scanner.scan();
const firstScanMs = performance.now() - start;
const firstStoreMs = waitedMs() - waitedBefore;
waitedBefore = waitedMs();
start = performance.now();
const second = await scanner.scan();
const secondScanMs = performance.now() - start;
const secondStoreMs = waitedMs() - waitedBefore;
await store.close();
rmSync(dir, { recursive: true, force: true });

const result = {
  pupils,
  schools: schools.length,
  findings,
  findingsColdMs: round(coldMs),
  findingsWarmMs: round(warmMs),
  firstScanMs: round(firstScanMs),
  firstScanStoreMs: round(firstStoreMs),
  queued: first.queued,
  secondScanMs: round(secondScanMs),
  secondScanStoreMs: round(secondStoreMs),
  queuedAgain: second.queued,
  rssMb: peakRssMb(),
};
console.log(
  `${pupils} pupils in ${schools.length} schools at ${asOf}: ${findings} findings from the engine in ${result.findingsColdMs} ms cold (indexing each register), ${result.findingsWarmMs} ms warm; ` +
    `first scan ${result.firstScanMs} ms (${first.queued} alert cards queued; ${result.firstScanStoreMs} ms of it waiting on the store), ` +
    `second ${result.secondScanMs} ms (${second.queued} queued; ${result.secondScanStoreMs} ms on the store); peak RSS ${result.rssMb} MB; ${os.cpus().length} cores, Node ${process.version}`,
);
if (json) console.log(JSON.stringify(result));
