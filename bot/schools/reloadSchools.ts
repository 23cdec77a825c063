import { type Log } from '../log.ts';
import { type FindingsCache } from './findingsCache.ts';
import { loadSchoolsGradually, type SchoolData } from './schoolData.ts';

export interface ReloadReport {
  schools: number;
  pupils: number;
  /** Each school's as-of day after the reload ("today" for its questions), by URN. */
  asOf: Record<string, string>;
  /** URNs that are new, and URNs no longer in the data. */
  added: string[];
  removed: string[];
  ms: number;
}

/**
 * Reads every register bundle again (after the nightly import, say) and puts the schools in place of the
 * old ones, in the same array every feature holds, then works out each school's findings afresh. All or
 * nothing: if any bundle fails to read, this throws (the message names the file, line and field) and the
 * bot goes on answering from the registers it had. Questions asked meanwhile are answered between one
 * bundle and the next, from the old registers until all the new ones are read.
 */
export async function reloadSchools(
  schools: SchoolData[],
  cache: FindingsCache,
  dataPath: string,
  fixedAsOf: string | undefined,
  log: Log,
): Promise<ReloadReport> {
  const started = performance.now();
  const fresh = await loadSchoolsGradually(dataPath, fixedAsOf);
  const before = new Set(schools.map((s) => s.urn));
  const after = new Set(fresh.map((s) => s.urn));
  // The swap and the clearing happen in one go, so no question sees new registers with old findings;
  // the findings are then worked out school by school, giving way between schools as the reading did (a
  // question in between works out its school's findings itself).
  schools.splice(0, schools.length, ...fresh);
  cache.clear();
  for (const school of fresh) {
    await new Promise((resolve) => setImmediate(resolve));
    cache.warm(school);
  }
  const report: ReloadReport = {
    schools: schools.length,
    pupils: schools.reduce((n, s) => n + s.register.pupils.length, 0),
    asOf: Object.fromEntries(schools.map((s) => [s.urn, s.asOf])),
    added: [...after].filter((urn) => !before.has(urn)),
    removed: [...before].filter((urn) => !after.has(urn)),
    ms: Math.round(performance.now() - started),
  };
  log('schools.reloaded', {
    schools: report.schools,
    pupils: report.pupils,
    added: report.added.length,
    removed: report.removed.length,
    ms: report.ms,
  });
  return report;
}
