/**
 * Loading benchmark for the canonical register reader (issue 3: 2 million marks a second or better for
 * a 60,000-pupil, full-year local authority on the 2-core CI machine).
 *
 *   npm run bench:load -- [--pupils 60000] [--schools 60] [--seed bench] [--year 2024/25] [--dir DIR] [--runs 3] [--csv-parse]
 *
 * Generates the authority once into DIR (a temp folder named after the options unless given), then reads
 * every school's bundle through `readRegisterBundle`, strictly, `--runs` times, and prints marks per
 * second for each run and the best. `--csv-parse` also times csv-parse alone over every marks.csv (rows
 * as arrays, nothing else done), the ceiling a reader built on it could reach.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { generateLocalAuthority } from '../adapters/generator/generateLocalAuthority.ts';
import { readRegisterBundle } from '../adapters/register/readRegisterBundle.ts';

const { values } = parseArgs({
  options: {
    pupils: { type: 'string', default: '60000' },
    schools: { type: 'string' },
    seed: { type: 'string', default: 'bench' },
    year: { type: 'string', default: '2024/25' },
    dir: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'csv-parse': { type: 'boolean', default: false },
  },
});
const pupils = Number(values.pupils);
const schools = Number(values.schools ?? Math.max(1, Math.round(pupils / 1000)));
const options = { schools, pupils, seed: values.seed!, year: values.year! };
const dir =
  values.dir ??
  join(tmpdir(), `attendance-bench-la-${schools}-${pupils}-${options.seed}-${options.year.replace('/', '-')}`);
const stamp = join(dir, 'generated.json');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(options)) {
  const started = performance.now();
  process.stderr.write(`bench:load: generating ${pupils} pupils in ${schools} schools into ${dir}\n`);
  generateLocalAuthority(options, dir);
  writeFileSync(stamp, JSON.stringify(options));
  process.stderr.write(`bench:load: generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
const bundles = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(dir, d.name))
  .sort();

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

if (values['csv-parse']) {
  const started = performance.now();
  let rows = 0;
  for (const bundle of bundles) {
    const records = parse(readFileSync(join(bundle, 'marks.csv')), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown[];
    rows += records.length - 1;
    sampleRss();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `csv-parse alone: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s`,
  );
}

const rates: number[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let marks = 0;
  let pupilsRead = 0;
  for (const bundle of bundles) {
    const { register, report } = readRegisterBundle(bundle);
    pupilsRead += register.pupils.length;
    marks += report.rowsRead - register.pupils.length;
    sampleRss();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = marks / seconds;
  rates.push(rate);
  // CPU time as well as wall time: on a shared machine the wall figure includes waiting for a core.
  console.log(
    `run ${run}: ${bundles.length} bundles, ${pupilsRead} pupils, ${marks} marks in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-GB')} marks/s ` +
      `(CPU ${cpuSeconds.toFixed(2)} s = ${Math.round(marks / cpuSeconds).toLocaleString('en-GB')} marks per CPU second)`,
  );
}
const best = Math.max(...rates);
console.log(
  `best: ${Math.round(best).toLocaleString('en-GB')} marks/s (target 2,000,000); peak RSS ${Math.round(peakRss / 1048576)} MB; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
