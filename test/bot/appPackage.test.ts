import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { ManifestUtil } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, fillPlaceholders, parseEnvFile } from '../../appPackage/tools/buildAppPackage.ts';
import { crc32 } from '../../appPackage/tools/crc32.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The 1.29 schema shipped inside @microsoft/app-manifest: passed in so validation never downloads it. */
const schema = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve(
      '@microsoft/app-manifest/build/json-schemas/teams/v1.29/MicrosoftTeams.schema.json',
    ),
    'utf8',
  ),
);

interface DecodedPng {
  width: number;
  height: number;
  colourType: number;
  rgba: Uint8Array;
}

/** Reads back our PNGs (RGBA, no filter), checking every chunk's CRC. */
function decodePng(png: Buffer): DecodedPng {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png, offset + 4, offset + 8 + length));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  return { width, height, colourType, rgba };
}

/** The entries of a zip, read through its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const size = zip.readUInt32LE(at + 20);
    const localName = zip.readUInt16LE(local + 26);
    const data = inflateRawSync(zip.subarray(local + 30 + localName, local + 30 + localName + size));
    expect(crc32(data)).toBe(zip.readUInt32LE(at + 16));
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

describe('the Teams app package', () => {
  const built = buildAppPackage(root, 'local');

  it('fills a manifest that is valid against the bundled 1.29 schema', async () => {
    expect(built.manifest.manifestVersion).toBe('1.29');
    expect(JSON.stringify(built.manifest)).not.toContain('${{');
    const errors = await ManifestUtil.validateManifestAgainstSchema(built.manifest as never, schema);
    expect(errors).toEqual([]);
    const { bots: _bots, icons: _icons, ...broken } = built.manifest;
    expect(
      (await ManifestUtil.validateManifestAgainstSchema({ ...broken, manifestVersion: '1.29' } as never, schema)).join(
        '\n',
      ),
    ).toContain("must have required property 'icons'");
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    const colour = decodePng(built.colourPng);
    expect([colour.width, colour.height, colour.colourType]).toEqual([192, 192, 6]);
    const opaque = colour.rgba.filter((_, i) => i % 4 === 3 && colour.rgba[i] === 255).length;
    expect(opaque).toBeGreaterThan(192 * 192 * 0.9);
    const outline = decodePng(built.outlinePng);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      drawn++;
      expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(100);
    expect(outline.rgba[3]).toBe(0); // the corner is transparent
  });

  it('zips the manifest and both icons so Teams can read them back', () => {
    const files = unzip(built.zip);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(built.manifest);
    expect(files.get('color.png')!.equals(built.colourPng)).toBe(true);
  });

  it('names the placeholders an env file leaves unset', () => {
    expect(() =>
      fillPlaceholders('{"id":"${{TEAMS_APP_ID}}","bot":"${{BOT_ID}}"}', { TEAMS_APP_ID: 'x' }, 'env/.env.test'),
    ).toThrow('env/.env.test does not set BOT_ID');
  });

  it('reads env files with comments and quoted values', () => {
    expect(parseEnvFile('# comment\nA=1\nB=" (local)"\n\nC = two words\n')).toEqual({
      A: '1',
      B: ' (local)',
      C: 'two words',
    });
  });

  it('refuses to package for an environment with no env file, saying which file to create', () => {
    expect(() => buildAppPackage(root, 'missing-env')).toThrow(/does not exist: copy env\/.env.dev.sample/);
  });
});
