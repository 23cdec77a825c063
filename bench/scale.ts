/**
 * `npm run bench:scale -- --pupils 1000000`: the engine alone on a generated authority held in memory:
 * generation, indexing, then the median time of all findings and of each list at one as-of date, and
 * memory (peak RSS, and RSS with the registers and index loaded). Also times a structured clone of the
 * findings, which is what handing them back from a worker thread would cost, and what reading the lazily
 * built parts of the findings costs: a page of 20, and all of them.
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
console.log(`generated ${pupils} pupils in ${schoolsFor(pupils)} schools (${sessions.toLocaleString('en-GB')} pupil-sessions, ${mb(sessions)} MB of marks) in ${round(generateMs / 1000)} s`);

start = performance.now();
const engine = createAttendanceEngine(registers);
const loadMs = performance.now() - start;
let indexBytes = 0;
for (const school of engine.schools) {
  indexBytes += school.possible.byteLength + (school.brokenWeeks?.byteLength ?? 0);
  indexBytes += school.absenceMarks.start.byteLength + school.absenceMarks.session.byteLength + school.absenceMarks.code.byteLength;
  for (const counts of school.codeSetCounts.values()) indexBytes += counts.byteLength;
}
global.gc?.();
const loadedRss = process.memoryUsage().rss;
console.log(`engine: indexed in ${round(loadMs)} ms; index ${mb(indexBytes)} MB beside the marks; RSS with registers and index ${mb(loadedRss)} MB`);

const findingsMs = medianMs(() => engine.findingsAt(asOf, policy), runs);
const findings = engine.findingsAt(asOf, policy);
const count = findings.reduce((n, s) => n + s.findings.length, 0);
const screenMs = medianMs(() => engine.screenAt(asOf, policy), runs);
const thresholdMs = medianMs(() => engine.penaltyThresholdList(asOf, policy), runs);
const persistentMs = medianMs(() => engine.persistentAbsenceList(asOf, policy), runs);
const sicknessMs = medianMs(() => engine.sicknessReturnList(asOf, policy), runs);
// findingsAt's findings are complete Finding objects whose reason, evidence and next step are built on
// first read. Held as returned (not yet read), then a page of 20 read (as the bot shows them), then all.
global.gc?.();
const heldRss = process.memoryUsage().rss;
const readParts = (f: { reason: string; evidence: unknown; nextStep: string }) => f.reason.length + (f.evidence ? 1 : 0) + f.nextStep.length;
const pageTimes: number[] = [];
for (let i = 0; i < runs + 2; i++) {
  const page = engine.findingsAt(asOf, policy)[i % findings.length].findings.slice(0, 20);
  const pageStart = performance.now();
  for (const f of page) readParts(f);
  if (i >= 2) pageTimes.push(performance.now() - pageStart);
}
const pageMs = median(pageTimes);
start = performance.now();
for (const school of findings) for (const f of school.findings) readParts(f);
const materialiseMs = performance.now() - start;
global.gc?.();
const materialisedRss = process.memoryUsage().rss;
// Clone at most 60 schools' findings: cloning a million pupils' would double the memory being measured.
const sample = findings.slice(0, 60);
const sampleCount = sample.reduce((n, s) => n + s.findings.length, 0);
start = performance.now();
structuredClone(sample);
const cloneMs = performance.now() - start;
const rssMb = peakRssMb();
console.log(`all findings at ${asOf}: ${round(findingsMs, 1)} ms (${count.toLocaleString('en-GB')} findings; the screen alone ${round(screenMs, 1)} ms)`);
console.log(`lists: penalty threshold ${round(thresholdMs, 1)} ms, persistent absence ${round(persistentMs, 1)} ms, sickness returns ${round(sicknessMs, 1)} ms`);
console.log(`structured clone of ${sampleCount.toLocaleString('en-GB')} findings (a worker's hand-back): ${round(cloneMs, 1)} ms, ${round((1000 * cloneMs) / Math.max(1, sampleCount), 2)} µs a finding`);
console.log(`reading the reason, evidence and next step of a page of 20 findings: ${round(pageMs, 2)} ms; of all ${count.toLocaleString('en-GB')}: ${round(materialiseMs, 1)} ms`);
console.log(`RSS holding one date's findings: ${mb(heldRss)} MB as returned, ${mb(materialisedRss)} MB once every finding has been read`);
console.log(`peak RSS ${round(rssMb)} MB (generation included); ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
if (json) console.log(JSON.stringify({ pupils, loadMs: round(loadMs), findingsMs: round(findingsMs, 1), screenMs: round(screenMs, 1), thresholdListMs: round(thresholdMs, 1), findings: count, loadedRssMb: mb(loadedRss), heldRssMb: mb(heldRss), pageMs: round(pageMs, 2), materialiseAllMs: round(materialiseMs, 1), materialisedRssMb: mb(materialisedRss), rssMb: round(rssMb) }));
