/**
 * `npm run bench:scale -- --pupils 1000000`: the engine alone on a generated authority held in memory:
 * generation, indexing, then the median time of all findings and of each list at one as-of date, and
 * memory (peak RSS, RSS with the registers and index loaded, and holding one date's finding tables). Also
 * times building Finding objects from the tables (a page of 20, and all of them) and a structured clone of
 * built findings, which is what handing them back from a worker thread would cost.
 */
import os from 'node:os';
import { createAttendanceEngine } from '../rules/engine/attendanceEngine.ts';
import { nationalProfile as policy } from '../rules/policies/national.ts';
import { argValue, median, medianMs, peakRssMb, pupilsArg, round } from './benchTiming.ts';
import { generatedAuthority, schoolsFor } from './generatedAuthority.ts';

const argv = process.argv.slice(2);
const pupils = pupilsArg(argv, 1_000_000);
const runs = Number(argValue(argv, '--runs') ?? 11);
const asOf = argValue(argv, '--as-of') ?? '2025-03-26';
const json = argv.includes('--json');
const mb = (bytes: number) => round(bytes / 1024 / 1024);

let start = performance.now();
const registers = generatedAuthority(pupils);
const generateMs = performance.now() - start;
const sessions = registers.reduce((n, r) => n + r.pupils.length * r.calendar.sessionCount, 0);
console.log(
  `generated ${pupils} pupils in ${schoolsFor(pupils)} schools (${sessions.toLocaleString('en-GB')} pupil-sessions, ${mb(sessions)} MB of marks) in ${round(generateMs / 1000)} s`,
);

start = performance.now();
const engine = createAttendanceEngine(registers);
const loadMs = performance.now() - start;
let indexBytes = 0;
for (const school of engine.schools) {
  indexBytes += school.possible.byteLength + (school.brokenWeeks?.byteLength ?? 0);
  indexBytes +=
    school.absenceMarks.start.byteLength + school.absenceMarks.session.byteLength + school.absenceMarks.code.byteLength;
  for (const counts of school.codeSetCounts.values()) indexBytes += counts.byteLength;
}
global.gc?.();
const loaded = process.memoryUsage();
const loadedRss = loaded.rss;
console.log(
  `engine: indexed in ${round(loadMs)} ms; index ${mb(indexBytes)} MB beside the marks; RSS with registers and index ${mb(loadedRss)} MB (JS heap ${mb(loaded.heapUsed)} MB, array buffers ${mb(loaded.arrayBuffers)} MB)`,
);

const findingsMs = medianMs(() => engine.findingsAt(asOf, policy), runs);
const tables = engine.findingsAt(asOf, policy);
const count = tables.reduce((n, t) => n + t.size, 0);
global.gc?.();
const held = process.memoryUsage();
// The high-water mark of generating, indexing and querying, before this script builds every finding
// object and clones some (work the engine's queries do not do).
const queryPeakMb = peakRssMb();
const screenMs = medianMs(() => engine.screenAt(asOf, policy), runs);
const thresholdMs = medianMs(() => engine.penaltyThresholdList(asOf, policy), runs);
const persistentMs = medianMs(() => engine.persistentAbsenceList(asOf, policy), runs);
const sicknessMs = medianMs(() => engine.sicknessReturnList(asOf, policy), runs);
// findingsAt decides every finding and holds them as columns; Finding objects (reason, evidence, next
// step) are built for the rows someone reads: a page of 20 (as the bot shows them), then all of them.
const pageTimes: number[] = [];
for (let i = 0; i < runs + 2; i++) {
  const table = tables[i % tables.length];
  const pageStart = performance.now();
  table.findings(0, 20);
  if (i >= 2) pageTimes.push(performance.now() - pageStart);
}
const pageMs = median(pageTimes);
start = performance.now();
// Built a school at a time and let go, as anything that walks a whole authority's findings would.
let built = 0;
for (const table of tables) built += table.findings().length;
const materialiseMs = performance.now() - start;
// Clone at most 60 schools' findings: cloning a million pupils' would double the memory being measured.
const sample = tables.slice(0, 60).map((t) => t.findings());
const sampleCount = sample.reduce((n, s) => n + s.length, 0);
start = performance.now();
structuredClone(sample);
const cloneMs = performance.now() - start;
const rssMb = peakRssMb();
console.log(
  `all findings at ${asOf}: ${round(findingsMs, 1)} ms (${count.toLocaleString('en-GB')} findings decided, as tables; the screen alone ${round(screenMs, 1)} ms)`,
);
console.log(
  `lists: penalty threshold ${round(thresholdMs, 1)} ms, persistent absence ${round(persistentMs, 1)} ms, sickness returns ${round(sicknessMs, 1)} ms`,
);
console.log(
  `structured clone of ${sampleCount.toLocaleString('en-GB')} findings (a worker's hand-back): ${round(cloneMs, 1)} ms, ${round((1000 * cloneMs) / Math.max(1, sampleCount), 2)} µs a finding`,
);
console.log(
  `building the Finding objects of a page of 20 rows: ${round(pageMs, 2)} ms; of all ${built.toLocaleString('en-GB')}, school by school: ${round(materialiseMs, 1)} ms`,
);
console.log(
  `holding one date's finding tables: RSS ${mb(held.rss)} MB (JS heap ${mb(held.heapUsed)} MB, array buffers ${mb(held.arrayBuffers)} MB); peak RSS to then ${round(queryPeakMb)} MB`,
);
console.log(
  `peak RSS ${round(rssMb)} MB (after building and cloning findings too); ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
if (json)
  console.log(
    JSON.stringify({
      pupils,
      loadMs: round(loadMs),
      findingsMs: round(findingsMs, 1),
      screenMs: round(screenMs, 1),
      thresholdListMs: round(thresholdMs, 1),
      findings: count,
      loadedRssMb: mb(loadedRss),
      heldRssMb: mb(held.rss),
      queryPeakRssMb: round(queryPeakMb),
      pageMs: round(pageMs, 2),
      buildAllMs: round(materialiseMs, 1),
      rssMb: round(rssMb),
    }),
  );
