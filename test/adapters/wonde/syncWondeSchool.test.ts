import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { syncWondeSchool } from '../../../adapters/wonde/syncWondeSchool.ts';
import { WondeClient } from '../../../adapters/wonde/wondeClient.ts';
import { main } from '../../../cli/attendance.ts';
import { syncRange } from '../../../cli/syncWondeCommand.ts';
import { sessionIndexOf } from '../../../rules/calendar/calendarLookup.ts';
import { registerCodeById } from '../../../rules/codes/registerCodes.ts';
import { fixtureUpn } from '../../support/registerFixture.ts';
import { type FakeWonde } from '../../support/fakeWonde.ts';
import { LOCAL_CODE_ID, REVOKED_ID, SCHOOL_ID, SCHOOL_URN, TOKEN, startFakeWonde } from './wondeFixture.ts';

let fake: FakeWonde;
let dir: string;
const seenAt = '2025-10-17T16:30:00.000Z';

const client = () => new WondeClient({ token: TOKEN, baseUrl: fake.baseUrl, sleep: async () => {} });

function codeAt(bundle: string, upn: string, date: string, session: 'AM' | 'PM'): string {
  const { register } = readRegisterBundle(bundle);
  const p = register.pupils.findIndex((x) => x.upn === upn);
  const s = sessionIndexOf(register.calendar, date, session);
  return registerCodeById(register.marks[p * register.calendar.sessionCount + s]).code;
}

function run(argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
  };
  return main(argv, io).then((code) => ({ code, ...out }));
}

beforeEach(async () => {
  fake = await startFakeWonde();
  dir = mkdtempSync(join(tmpdir(), 'wonde-bundle-'));
});
afterEach(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe('syncing a school from Wonde', () => {
  it('writes a new bundle: pupils with their details, every mark as its DfE code, school.json from Wonde', async () => {
    const bundle = join(dir, 'castle-hill');
    const result = await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-06',
      to: '2025-10-17',
      seenAt,
    });
    expect(result.students).toBe(7);
    expect(result.imported.marksAdded).toBe(7 * 10 * 2);
    expect(JSON.parse(readFileSync(join(bundle, 'school.json'), 'utf8'))).toEqual({
      urn: SCHOOL_URN,
      name: 'Castle Hill Academy',
    });
    const { register } = readRegisterBundle(bundle);
    expect(register.school).toMatchObject({ urn: SCHOOL_URN, name: 'Castle Hill Academy' });
    const chloe = register.pupils.find((p) => p.upn === fixtureUpn(3))!;
    expect(chloe).toMatchObject({ givenName: 'Chloe', dateOfBirth: '2014-05-01', yearGroup: '7', sen: 'support' });
    expect(register.pupils.find((p) => p.upn === fixtureUpn(5))!.lookedAfter).toBe(true);
    expect(codeAt(bundle, fixtureUpn(2), '2025-10-15', 'PM')).toBe('N');
    expect(codeAt(bundle, fixtureUpn(1), '2025-10-16', 'AM')).toBe('L');
    expect(codeAt(bundle, fixtureUpn(1), '2025-10-16', 'PM')).toBe('\\');
  });

  it('merges a later sync: new days added, a changed mark amended with the original kept, nothing duplicated', async () => {
    const bundle = join(dir, 'castle-hill');
    await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-06',
      to: '2025-10-15',
      seenAt,
    });
    // The school records the reason for Ben's absence on the 15th: N becomes I.
    for (const mark of fake.marks.get(SCHOOL_ID)!)
      if (mark.student === 'A2001' && mark.date === '2025-10-15') mark.code = 'I';
    const again = await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-13',
      to: '2025-10-17',
      seenAt: '2025-10-17T17:00:00.000Z',
    });
    expect(again.imported.marksAdded).toBe(7 * 2 * 2);
    expect(again.imported.amendments.map((a) => [a.upn, a.date, a.session, a.originalCode, a.newCode])).toEqual([
      [fixtureUpn(2), '2025-10-15', 'AM', 'N', 'I'],
      [fixtureUpn(2), '2025-10-15', 'PM', 'N', 'I'],
    ]);
    expect(readFileSync(join(bundle, 'amendments.csv'), 'utf8')).toContain(
      `${fixtureUpn(2)},2025-10-15,AM,N,I,2025-10-17T17:00:00.000Z`,
    );
    expect(codeAt(bundle, fixtureUpn(2), '2025-10-15', 'AM')).toBe('I');
    expect(readRegisterBundle(bundle).register.pupils).toHaveLength(7);
  });

  it('keeps what school.json says beyond the URN and name', async () => {
    const bundle = join(dir, 'castle-hill');
    await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-06',
      to: '2025-10-10',
      seenAt,
    });
    writeFileSync(
      join(bundle, 'school.json'),
      JSON.stringify({ urn: SCHOOL_URN, name: 'Old name', policy: 'derby', localAuthority: 'Brackenford' }),
    );
    await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-13',
      to: '2025-10-17',
      seenAt,
    });
    expect(JSON.parse(readFileSync(join(bundle, 'school.json'), 'utf8'))).toEqual({
      urn: SCHOOL_URN,
      name: 'Castle Hill Academy',
      policy: 'derby',
      localAuthority: 'Brackenford',
    });
  });

  it('refuses to merge into a bundle kept for another URN', async () => {
    const bundle = join(dir, 'other');
    await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-06',
      to: '2025-10-10',
      seenAt,
    });
    writeFileSync(join(bundle, 'school.json'), JSON.stringify({ urn: '123456', name: 'Another school' }));
    await expect(
      syncWondeSchool(client(), { schoolId: SCHOOL_ID, into: bundle, from: '2025-10-13', to: '2025-10-17', seenAt }),
    ).rejects.toThrow(/is for URN 123456, but Wonde school A1930499544 is URN 100001/);
  });

  it('reports a code with no DfE equivalent and writes nothing, or with --lenient loads the rest and says what it left out', async () => {
    const bundle = join(dir, 'brook-farm');
    await expect(
      syncWondeSchool(client(), {
        schoolId: LOCAL_CODE_ID,
        into: bundle,
        from: '2025-10-13',
        to: '2025-10-17',
        seenAt,
      }),
    ).rejects.toThrow(
      /1 mark with Wonde code "ZZ" \(Local code: at the school farm\), id C9001, which is not a DfE attendance code; nothing was written/,
    );
    expect(existsSync(join(bundle, 'marks.csv'))).toBe(false);
    expect(existsSync(join(bundle, 'school.json'))).toBe(false);
    const lenient = await syncWondeSchool(client(), {
      schoolId: LOCAL_CODE_ID,
      into: bundle,
      from: '2025-10-13',
      to: '2025-10-17',
      seenAt,
      lenient: true,
    });
    expect(lenient.rows.unknownCodes).toEqual([
      { id: 'C9001', code: 'ZZ', description: 'Local code: at the school farm', marks: 1 },
    ]);
    expect(lenient.imported.marksAdded).toBe(2 * 5 * 2 - 1);
  });
});

describe('attendance sync wonde', () => {
  it('syncs a date range into a bundle and ends with a summary line', async () => {
    vi.stubEnv('WONDE_TOKEN', TOKEN);
    vi.stubEnv('WONDE_BASE_URL', fake.baseUrl);
    const bundle = join(dir, 'castle-hill');
    const out = await run([
      'sync',
      'wonde',
      '--school',
      SCHOOL_ID,
      '--out',
      bundle,
      '--from',
      '2025-10-06',
      '--to',
      '2025-10-10',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /^synced Wonde school A1930499544 \(URN 100001\) from 2025-10-06 to 2025-10-10: 7 students, 70 marks fetched\nimported 2 files: 7 pupils \(7 new\)/,
    );
  });

  it('says plainly when a school has revoked access, exits 1 and writes nothing', async () => {
    vi.stubEnv('WONDE_TOKEN', TOKEN);
    vi.stubEnv('WONDE_BASE_URL', fake.baseUrl);
    const bundle = join(dir, 'ashby');
    const out = await run([
      'sync',
      'wonde',
      '--school',
      REVOKED_ID,
      '--out',
      bundle,
      '--from',
      '2025-10-06',
      '--to',
      '2025-10-10',
    ]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/has not approved this app or has revoked its access/);
    expect(existsSync(bundle)).toBe(false);
  });

  it('asks for WONDE_TOKEN when it is not set, and for the school and bundle', async () => {
    vi.stubEnv('WONDE_TOKEN', '');
    expect((await run(['sync', 'wonde', '--school', SCHOOL_ID, '--out', dir])).stderr).toMatch(/set WONDE_TOKEN/);
    vi.stubEnv('WONDE_TOKEN', TOKEN);
    const noSchool = await run(['sync', 'wonde', '--out', dir]);
    expect(noSchool.code).toBe(2);
    expect(noSchool.stderr).toMatch(/--school names the school by its Wonde id/);
    expect((await run(['sync', 'arbor', '--school', SCHOOL_ID, '--out', dir])).code).toBe(2);
  });

  it('fetches from the start of the school year for a new bundle, and a fortnight before the last marked day for an existing one', async () => {
    const now = new Date('2025-10-17T17:00:00Z');
    expect(syncRange({ out: join(dir, 'none') }, now)).toEqual({ from: '2025-09-01', to: '2025-10-17' });
    const bundle = join(dir, 'castle-hill');
    await syncWondeSchool(client(), {
      schoolId: SCHOOL_ID,
      into: bundle,
      from: '2025-10-06',
      to: '2025-10-10',
      seenAt,
    });
    expect(syncRange({ out: bundle }, now)).toEqual({ from: '2025-09-26', to: '2025-10-17' });
    expect(syncRange({ out: bundle, from: '2025-10-13' }, now)).toEqual({ from: '2025-10-13', to: '2025-10-17' });
  });
});
