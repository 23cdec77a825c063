/**
 * `npm run bench:incremental -- --pupils 60000 [--day 2025-03-26] [--runs 5] [--json]`: one school day of
 * marks for a whole generated authority put into a loaded engine in place (`engine.applyMarks`, what the
 * bot does after a Wonde sync), against indexing the changed registers afresh (what a reload does after
 * reading them), and whether every finding then matches.
 *
 * The registers hold marks up to and including the day (later days are cleared, as on that evening); the
 * engine is loaded with the day cleared too, queried once as the bot would have been, then given the day.
 * Each run puts the day in and takes it out again; only putting it in is timed, after one untimed round.
 */
import os from 'node:os';
import { createAttendanceEngine, type AttendanceEngine } from '../rules/engine/attendanceEngine.ts';
import { type MarkChange } from '../rules/engine/applyMarks.ts';
import { nationalProfile as policy } from '../rules/policies/national.ts';
import { type Register } from '../rules/register/register.ts';
import { argValue, median, peakRssMb, pupilsArg, round } from './benchTiming.ts';
import { generatedAuthority, schoolsFor } from './generatedAuthority.ts';

const argv = process.argv.slice(2);
const pupils = pupilsArg(argv, 60_000);
const runs = Number(argValue(argv, '--runs') ?? 5);
const rebuildRuns = Number(argValue(argv, '--rebuild-runs') ?? (pupils > 200_000 ? 1 : 3));
const day = argValue(argv, '--day') ?? '2025-03-26';
const json = argv.includes('--json');

let start = performance.now();
const registers = generatedAuthority(pupils);
console.log(
  `generated ${pupils} pupils in ${schoolsFor(pupils)} schools in ${round((performance.now() - start) / 1000)} s`,
);

/** Each school's marks for the day (taken out of `before`), and the same entries cleared (to take it out again). */
const dayMarks: MarkChange[][] = [];
const clearDay: MarkChange[][] = [];
const before: Register[] = registers.map((register) => {
  const { calendar, marks } = register;
  const n = calendar.sessionCount;
  const d = calendar.dayIndex.get(day);
  if (d === undefined) throw new Error(`${day} is not a school day at ${register.school.name}: pick another --day`);
  const first = calendar.dayFirstSession[d];
  const end = calendar.dayFirstSession[d + 1];
  const copy = marks.slice();
  const put: MarkChange[] = [];
  const clear: MarkChange[] = [];
  for (let p = 0; p < register.pupils.length; p++) {
    // The evening of the day: nothing after it is marked yet.
    marks.fill(0, p * n + end, (p + 1) * n);
    copy.fill(0, p * n + first, (p + 1) * n);
    for (let s = first; s < end; s++) {
      put.push({ pupil: p, session: s, code: marks[p * n + s] });
      clear.push({ pupil: p, session: s, code: 0 });
    }
  }
  dayMarks.push(put);
  clearDay.push(clear);
  return { ...register, marks: copy };
});
const changes = dayMarks.reduce((n, c) => n + c.length, 0);

start = performance.now();
const engine = createAttendanceEngine(before);
console.log(`engine loaded without the day in ${round(performance.now() - start)} ms`);
// The bot has answered questions before the marks arrive: the screen arrays and lazily built parts exist.
engine.findingsAt(day, policy);

const applyDay = (target: AttendanceEngine, changesBySchool: MarkChange[][]) =>
  changesBySchool.forEach((c, i) => target.applyMarks(i, c));
// One untimed round first (in and out again), as for every other figure here: the first call compiles.
applyDay(engine, dayMarks);
applyDay(engine, clearDay);
const applyTimes: number[] = [];
for (let run = 0; run < runs; run++) {
  if (run > 0) applyDay(engine, clearDay);
  start = performance.now();
  applyDay(engine, dayMarks);
  applyTimes.push(performance.now() - start);
}
const applyMs = median(applyTimes);
console.log(
  `applied ${changes.toLocaleString('en-GB')} marks (one school day, every pupil) in place: median ${round(applyMs, 1)} ms over ${runs} runs (${applyTimes.map((t) => round(t, 1)).join(', ')})`,
);

const rebuildTimes: number[] = [];
const rebuildOnce = (): AttendanceEngine => {
  global.gc?.();
  const begun = performance.now();
  const built = createAttendanceEngine(registers);
  rebuildTimes.push(performance.now() - begun);
  return built;
};
let rebuilt = rebuildOnce();
for (let run = 1; run < rebuildRuns; run++) rebuilt = rebuildOnce();
const rebuildMs = median(rebuildTimes);
console.log(
  `indexing the same registers afresh: median ${round(rebuildMs)} ms over ${rebuildRuns} runs (${rebuildTimes.map((t) => round(t)).join(', ')})`,
);

// Every finding of every school, on the day and the day before, built and compared field by field.
start = performance.now();
let findings = 0;
let resultsMatch = true;
for (const asOf of [day, previousSchoolDay(registers[0], day)]) {
  const got = engine.findingsAt(asOf, policy);
  const want = rebuilt.findingsAt(asOf, policy);
  got.forEach((table, i) => {
    const a = JSON.stringify(table.findings());
    const b = JSON.stringify(want[i].findings());
    if (a !== b) {
      if (resultsMatch) console.log(`findings differ at ${registers[i].school.name} as of ${asOf}`);
      resultsMatch = false;
    }
    findings += want[i].size;
  });
}
console.log(
  `findings ${resultsMatch ? 'identical' : 'DIFFER'} (${findings.toLocaleString('en-GB')} over two dates, compared in ${round((performance.now() - start) / 1000, 1)} s); ${round(rebuildMs / applyMs)}x faster than indexing afresh`,
);
console.log(
  `peak RSS ${round(peakRssMb())} MB; ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
if (json)
  console.log(JSON.stringify({ pupils, applyMs: round(applyMs, 1), rebuildMs: round(rebuildMs, 1), resultsMatch }));
if (!resultsMatch) process.exitCode = 1;

function previousSchoolDay(register: Register, date: string): string {
  const d = register.calendar.dayIndex.get(date)!;
  return register.calendar.dayDate[Math.max(0, d - 1)];
}
