import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTUMN_2024 } from '../support/autumn2024.ts';
import { writeBundle } from '../support/registerFixture.ts';
import { runCli } from './schoolExport.ts';

let dir: string;
beforeAll(() => {
  dir = writeBundle(join(mkdtempSync(join(tmpdir(), 'returns-')), 'school'), {
    calendar: AUTUMN_2024,
    school: { name: 'Hillside School', urn: '100002', policy: 'stockport-bramhall' },
    pupils: [
      { givenName: 'Back', familyName: 'Again', spans: [['2024-11-04', '2024-11-15', 'O']], marksUntil: '2024-11-29' },
      { givenName: 'Ill', familyName: 'Often', spans: [['2024-11-04', '2024-11-22', 'I']], marksUntil: '2024-11-29' },
      { givenName: 'Here', familyName: 'Always', marksUntil: '2024-11-29' },
    ],
  });
});
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('attendance returns', () => {
  it('prints one JSON object with every return owed for the month', async () => {
    const out = await runCli(['returns', dir, '--month', '2024-11', '--json']);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(Object.keys(body)).toEqual(['month', 'policy', 'school', 'returns']);
    expect(body.month).toBe('2024-11');
    expect(body.policy).toBe('stockport-bramhall');
    expect(body.school).toMatchObject({ name: 'Hillside School', urn: '100002' });
    expect(body.returns.map((r: { pupilName: string; kind: string }) => `${r.kind} ${r.pupilName}`)).toEqual([
      'attendance Back Again',
      'sickness Ill Often',
    ]);
    expect(Object.keys(body.returns[0])).toEqual([
      'upn',
      'pupilName',
      'kind',
      'from',
      'to',
      'schoolDays',
      'reason',
      'citation',
    ]);
    expect(body.returns[0]).toMatchObject({ from: '2024-11-04', to: '2024-11-15', schoolDays: 10 });
  });

  it('writes a CSV file with a header row and CRLF line ends', async () => {
    const out = await runCli(['returns', dir, '--month', '2024-11', '--csv']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^school_urn,school_name,month,return,upn,/);
    expect(lines.slice(1, 3).map((l) => l.split(',')[3])).toEqual(['attendance return', 'sickness return']);
  });

  it('says in words what is owed, with no “so far” note once the month’s last school day is marked', async () => {
    const out = await runCli(['returns', dir, '--month', '2024-11']);
    expect(out.stdout).toMatch(/returns to the local authority for November 2024/);
    expect(out.stdout).not.toMatch(/owed so far/);
    expect(out.stdout).toMatch(/Attendance returns: 1/);
    const policy = await runCli(['returns', dir, '--month', '2024-11', '--policy', 'national', '--json']);
    expect(JSON.parse(policy.stdout).policy).toBe('national');
  });

  it('refuses a missing or malformed month, a month outside the register and two formats at once', async () => {
    for (const argv of [
      ['returns', dir],
      ['returns', dir, '--month', '2024-13'],
      ['returns', dir, '--month', 'November'],
      ['returns', dir, '--month', '2024-11', '--json', '--csv'],
      ['returns', dir, '--month', '2024-12'],
      ['returns', dir, '--month', '2023-11'],
    ]) {
      const out = await runCli(argv);
      expect(out.code, argv.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/^attendance returns: /);
    }
  });
});
