import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStateStore } from '../../adapters/store/embeddedStateStore.ts';
import { PAST_NOTICE_NAMESPACE, type PastNoticeRecord } from '../../adapters/store/pastNoticeRecords.ts';
import { fixtureUpn } from '../support/registerFixture.ts';
import { runCli } from './schoolExport.ts';

const dir = mkdtempSync(join(tmpdir(), 'notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('attendance notices import', () => {
  it('records each notice with its real date and who recorded it, once however often it is imported', async () => {
    const file = csv(
      'notices.csv',
      `upn,parent,issued_date,amount,outcome\n${fixtureUpn(1)},Jane Hill,15/01/2025,£80,Paid\n${fixtureUpn(1)},"Hill, Tom",2025-03-10,160,unpaid\n`,
    );
    const state = join(dir, 'state');
    for (let i = 0; i < 2; i++) {
      const out = await runCli(['notices', 'import', file, '--by', 'Ann Officer', '--state-dir', state]);
      expect(out.stderr).toBe('');
      expect(out.stdout).toBe('recorded 2 penalty notices for 1 pupil from notices.csv\n');
    }
    const store = await EmbeddedStateStore.open(state);
    const records = (await store.listRecords<PastNoticeRecord>(PAST_NOTICE_NAMESPACE)).map((r) => r.value);
    expect(records.map((r) => [r.parentKey, r.issuedOn, r.amount, r.outcome, r.recordedBy, r.source])).toEqual([
      ['jane hill', '2025-01-15', 80, 'paid', 'Ann Officer', 'import notices.csv'],
      ['hill tom', '2025-03-10', 160, 'unpaid', 'Ann Officer', 'import notices.csv'],
    ]);
    const audit = await store.listAudit({ upn: fixtureUpn(1) });
    expect(audit.map((a) => [a.who, a.what])).toEqual([
      ['Ann Officer', 'penalty.pastNotice.recorded'],
      ['Ann Officer', 'penalty.pastNotice.recorded'],
      ['Ann Officer', 'penalty.pastNotice.updated'],
      ['Ann Officer', 'penalty.pastNotice.updated'],
    ]);
    await store.close();
  });

  it('stops on any bad row, naming file, line and field, and records nothing', async () => {
    const file = csv(
      'bad.csv',
      `upn,parent,issued_date,amount,outcome\nA123,Jane Hill,2025-01-15,80,paid\n${fixtureUpn(2)},,31/02/2025,eighty,lost\n${fixtureUpn(2)},Jo,2099-01-01,80,paid\n`,
    );
    const state = join(dir, 'bad-state');
    const out = await runCli(['notices', 'import', file, '--by', 'Ann Officer', '--state-dir', state]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('bad.csv:2: upn: UPN "A123" is not 13 characters');
    expect(out.stderr).toContain('bad.csv:3: parent: the parent the notice went to is missing');
    expect(out.stderr).toContain('bad.csv:3: issued_date: "31/02/2025" is not a date');
    expect(out.stderr).toContain('bad.csv:3: amount: an amount in pounds');
    expect(out.stderr).toContain('bad.csv:3: outcome: one of issued, paid, unpaid, withdrawn');
    expect(out.stderr).toContain('bad.csv:4: issued_date: 2099-01-01 is after today');
    const store = await EmbeddedStateStore.open(state);
    expect(await store.listRecords(PAST_NOTICE_NAMESPACE)).toEqual([]);
    await store.close();
  });

  it('needs who is recording, and a file', async () => {
    expect((await runCli(['notices', 'import', join(dir, 'notices.csv')])).code).toBe(2);
    expect((await runCli(['notices', 'import'])).code).toBe(2);
  });
});
