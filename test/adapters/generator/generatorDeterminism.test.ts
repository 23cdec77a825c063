import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLocalAuthority } from '../../../adapters/generator/generateLocalAuthority.ts';
import { readRegisterBundle } from '../../../adapters/register/readRegisterBundle.ts';
import { main } from '../../../cli/attendance.ts';

const root = mkdtempSync(join(tmpdir(), 'generator-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = { schools: 3, pupils: 360, seed: 'same-seed', year: '2024/25', through: '2024-12-20' };

/** Every file under `dir`, by path relative to it. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const school of readdirSync(dir).sort())
    for (const file of readdirSync(join(dir, school)).sort())
      out.set(`${school}/${file}`, readFileSync(join(dir, school, file)));
  return out;
}

describe('generator determinism', () => {
  it('writes identical files, byte for byte, for the same seed', () => {
    generateLocalAuthority(options, join(root, 'a'));
    generateLocalAuthority(options, join(root, 'b'));
    const a = filesOf(join(root, 'a'));
    const b = filesOf(join(root, 'b'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].length).toBe(3 * 4);
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
  });

  it('writes different registers for a different seed', () => {
    generateLocalAuthority({ ...options, seed: 'other-seed' }, join(root, 'c'));
    const a = filesOf(join(root, 'a'));
    const c = filesOf(join(root, 'c'));
    for (const [path, bytes] of a)
      if (path.endsWith('marks.csv') || path.endsWith('pupils.csv'))
        expect(bytes.equals(c.get(path)!), path).toBe(false);
  });

  it('writes bundles the canonical reader loads without a problem', () => {
    for (const school of readdirSync(join(root, 'a'))) {
      const { register, report } = readRegisterBundle(join(root, 'a', school));
      expect(report.rowsRejected).toBe(0);
      expect(register.pupils.length).toBeGreaterThan(0);
      expect(register.calendar.terms).toHaveLength(6);
    }
  });
});

describe('attendance generate', () => {
  it('writes the bundles and reports them as JSON', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const out = join(root, 'cli');
    const code = await main(
      [
        'generate',
        '--schools',
        '2',
        '--pupils',
        '100',
        '--seed',
        '7',
        '--year',
        '2025/26',
        '--through',
        '2025-10-10',
        '--out',
        out,
        '--json',
      ],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.pupils).toBe(100);
    expect(summary.schools).toHaveLength(2);
    expect(stderr).toContain('school 2/2');
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('refuses options it cannot honour, saying what to change', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await main(
      ['generate', '--schools', '2', '--pupils', '100', '--seed', '7', '--year', '2023/24', '--out', join(root, 'x')],
      io,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('2024 code set');
  });
});
