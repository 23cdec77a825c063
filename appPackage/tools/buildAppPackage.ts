import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { drawColourIcon, drawOutlineIcon } from './drawIcons.ts';
import { encodePng } from './encodePng.ts';
import { zipFiles } from './zipFiles.ts';

const guid = (name: string) =>
  z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      `${name} must be a GUID such as 6f1c2b7e-3d4a-4e55-9a0b-2c8d7e6f5a41`,
    );

/** The values the manifest needs, checked before anything is written. */
const packageEnvSchema = z.object({
  TEAMS_APP_ID: guid('TEAMS_APP_ID (any GUID, fixed for the life of the app)'),
  BOT_ID: guid("BOT_ID (the Azure Bot's Microsoft App ID)"),
  BOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'BOT_DOMAIN must be a host name without https://, e.g. attendance.example.org.uk'),
  APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, 'APP_VERSION must look like 1.0.0'),
  APP_NAME_SUFFIX: z
    .string()
    .max(12, 'APP_NAME_SUFFIX must be short: the app name is limited to 30 characters')
    .default(''),
  PUBLISHER_NAME: z.string().min(1, 'PUBLISHER_NAME is required'),
  PUBLISHER_WEBSITE: z.url({ message: 'PUBLISHER_WEBSITE must be an https URL' }),
  PUBLISHER_PRIVACY_URL: z.url({ message: 'PUBLISHER_PRIVACY_URL must be an https URL' }),
  PUBLISHER_TERMS_URL: z.url({ message: 'PUBLISHER_TERMS_URL must be an https URL' }),
});

/** KEY=VALUE lines; `#` comments; a value may be wrapped in double quotes to keep leading spaces. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Z][A-Z0-9_]*)\s*=(.*)$/);
    if (!m) continue;
    const raw = m[2].trim();
    values[m[1]] = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  }
  return values;
}

/** Replaces every `${{NAME}}`; throws listing any the values lack. */
export function fillPlaceholders(template: string, values: Record<string, string>, where: string): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_all, name: string) => {
    if (values[name] === undefined) missing.add(name);
    return values[name] ?? '';
  });
  if (missing.size > 0)
    throw new Error(`${where} does not set ${[...missing].join(', ')}, which appPackage/manifest.json needs`);
  return filled;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  colourPng: Buffer;
  outlinePng: Buffer;
  zip: Buffer;
}

/** Fills the manifest from env/.env.<envName>, draws the icons and zips the three files. */
export function buildAppPackage(rootDir: string, envName: string): AppPackage {
  const envFile = join(rootDir, 'env', `.env.${envName}`);
  if (!existsSync(envFile)) throw new Error(`${envFile} does not exist: copy env/.env.dev.sample to it and fill it in`);
  const values = parseEnvFile(readFileSync(envFile, 'utf8'));
  const checked = packageEnvSchema.safeParse(values);
  if (!checked.success) throw new Error(`${envFile}:\n- ${checked.error.issues.map((i) => i.message).join('\n- ')}`);
  const manifestText = fillPlaceholders(
    readFileSync(join(rootDir, 'appPackage', 'manifest.json'), 'utf8'),
    { ...values, ...checked.data },
    envFile,
  );
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  const colourPng = encodePng(drawColourIcon());
  const outlinePng = encodePng(drawOutlineIcon());
  const zip = zipFiles([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: colourPng },
    { name: 'outline.png', data: outlinePng },
  ]);
  return { manifest, colourPng, outlinePng, zip };
}
