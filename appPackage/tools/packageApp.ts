import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppPackage } from './buildAppPackage.ts';

/** `npm run package [-- <env>]`: writes appPackage/build/appPackage.<env>.zip (env defaults to local). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const envName = process.argv[2] ?? 'local';
try {
  const built = buildAppPackage(root, envName);
  const outDir = join(root, 'appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, built.zip);
  writeFileSync(join(outDir, 'color.png'), built.colourPng);
  writeFileSync(join(outDir, 'outline.png'), built.outlinePng);
  process.stdout.write(
    `wrote ${zipPath} (${built.zip.length} bytes): upload it in Teams (Apps > Manage your apps > Upload an app)\n`,
  );
} catch (err) {
  process.stderr.write(`could not build the app package: ${(err as Error).message}\n`);
  process.exit(1);
}
