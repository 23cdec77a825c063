/**
 * `npm run bench:compare -- --pupils N [--json]`: the engine against DuckDB on the same generated local
 * authority. Both answer the penalty-threshold, persistent- and severe-absence and sickness-return lists
 * and every finding at several as-of dates; any difference fails the run (exit 1). Reports load times,
 * median query times after a warm-up, peak memory and the ratio. With --json the last line is one object.
 */
import os from 'node:os';
import { createAttendanceEngine } from '../rules/engine/attendanceEngine.ts';
import { nationalProfile } from '../rules/policies/national.ts';
import { answerDifferences, engineAnswers } from './benchAnswers.ts';
import { argValue, medianMs, medianMsAsync, peakRssMb, pupilsArg, round } from './benchTiming.ts';
import { duckdbAnswers, duckdbFindings, duckdbList, LIST_QUERIES } from './duckdbAnswers.ts';
import { loadIntoDuckDb } from './duckdbRegisters.ts';
import { generatedAuthority, schoolsFor } from './generatedAuthority.ts';

const argv = process.argv.slice(2);
const pupils = pupilsArg(argv, 60_000);
const json = argv.includes('--json');
const engineRuns = Number(argValue(argv, '--runs') ?? 21);
const duckdbRuns = Number(argValue(argv, '--duckdb-runs') ?? 5);
// Autumn, winter, spring and summer, each a Wednesday in term: windows that reach back across a
// half-term, the Christmas break and Easter.
const AS_OF = ['2024-10-16', '2025-01-22', '2025-03-26', '2025-07-16'];
const TIMED_AS_OF = '2025-03-26';
const policy = nationalProfile;
const log = (line: string) => console.log(line);

let start = performance.now();
const registers = generatedAuthority(pupils);
const generateMs = performance.now() - start;
const sessions = registers.reduce((n, r) => n + r.pupils.length * r.calendar.sessionCount, 0);
log(
  `generated ${pupils} pupils in ${schoolsFor(pupils)} schools (${sessions.toLocaleString('en-GB')} pupil-sessions) in ${round(generateMs / 1000)} s`,
);

start = performance.now();
const engine = createAttendanceEngine(registers);
const engineLoadMs = performance.now() - start;
log(`engine: indexed in ${round(engineLoadMs)} ms`);

start = performance.now();
const connection = await loadIntoDuckDb(registers);
const duckdbLoadMs = performance.now() - start;
log(
  `duckdb: loaded ${sessions.toLocaleString('en-GB')} rows in ${round(duckdbLoadMs)} ms (${round(sessions / (duckdbLoadMs / 1000) / 1e6, 2)} M rows/s)`,
);

let resultsMatch = true;
for (const asOf of AS_OF) {
  const ours = engineAnswers(engine, asOf, policy);
  const theirs = await duckdbAnswers(connection, asOf, policy);
  const differences = answerDifferences(ours, theirs);
  const sizes = `threshold ${ours.penaltyThreshold.length}, PA ${ours.persistentAbsence.length}, SA ${ours.severeAbsence.length}, sickness ${ours.sicknessReturns.length}, findings ${ours.findings.length}`;
  if (!ours.columnsMatch) differences.push("the finding tables' columns disagree with the findings built from them");
  if (differences.length > 0) {
    resultsMatch = false;
    log(`${asOf}: MISMATCH (${sizes})`);
    for (const d of differences) log(`  ${d}`);
  } else log(`${asOf}: identical (${sizes})`);
}

const engineMs = medianMs(() => engine.findingsAt(TIMED_AS_OF, policy), engineRuns);
const duckdbMs = await medianMsAsync(() => duckdbFindings(connection, TIMED_AS_OF, policy), duckdbRuns);
log(
  `all findings at ${TIMED_AS_OF}: engine ${round(engineMs, 2)} ms, DuckDB ${round(duckdbMs)} ms, ${round(duckdbMs / engineMs)}x`,
);
for (const list of Object.keys(LIST_QUERIES) as (keyof typeof LIST_QUERIES)[]) {
  const engineList = {
    penaltyThreshold: () => engine.penaltyThresholdList(TIMED_AS_OF, policy),
    persistentAbsence: () => engine.persistentAbsenceList(TIMED_AS_OF, policy),
    severeAbsence: () => engine.severeAbsenceList(TIMED_AS_OF, policy),
    sicknessReturns: () => engine.sicknessReturnList(TIMED_AS_OF, policy),
  }[list];
  const ours = medianMs(engineList, engineRuns);
  const theirs = await medianMsAsync(() => duckdbList(connection, TIMED_AS_OF, policy, list), duckdbRuns);
  log(`${list} list: engine ${round(ours, 2)} ms, DuckDB ${round(theirs)} ms, ${round(theirs / ours)}x`);
}
const rssMb = peakRssMb();
log(
  `peak RSS ${round(rssMb)} MB (engine, DuckDB and the generated registers in one process); ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
if (json)
  console.log(
    JSON.stringify({
      pupils,
      engineMs: round(engineMs, 2),
      duckdbMs: round(duckdbMs, 1),
      ratio: round(duckdbMs / engineMs, 1),
      resultsMatch,
      rssMb: round(rssMb),
    }),
  );
process.exitCode = resultsMatch ? 0 : 1;
