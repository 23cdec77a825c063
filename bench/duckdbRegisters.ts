import {
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  SMALLINT,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import { compulsorySchoolAgeEnd, compulsorySchoolAgeStart } from '../rules/dates/compulsorySchoolAge.ts';
import { toDayNumber } from '../rules/dates/isoDate.ts';
import { type Register } from '../rules/register/register.ts';

/** DuckDB's vector size: one appended chunk per this many rows. */
const CHUNK_ROWS = 2048;

/**
 * The registers as an analyst would hold them in DuckDB: one row per pupil-session in `marks` (the code
 * as its byte id, the school day and school week as indexes into the school's calendar), with the
 * schools, the pupils (compulsory school age worked out from the date of birth, as day numbers) and each
 * school's days beside it.
 */
export async function loadIntoDuckDb(registers: readonly Register[]): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`
    CREATE TABLE schools (school SMALLINT, urn VARCHAR);
    CREATE TABLE pupils (pupil INTEGER, school SMALLINT, upn VARCHAR, csa_from INTEGER, csa_to INTEGER);
    CREATE TABLE school_days (school SMALLINT, day SMALLINT, date_num INTEGER, week SMALLINT);
    CREATE TABLE marks (pupil INTEGER, school SMALLINT, day SMALLINT, week SMALLINT, half UTINYINT, code UTINYINT);
  `);
  const schools = new ChunkWriter(connection, 'schools', [SMALLINT, VARCHAR]);
  const pupils = new ChunkWriter(connection, 'pupils', [INTEGER, SMALLINT, VARCHAR, INTEGER, INTEGER]);
  const days = new ChunkWriter(connection, 'school_days', [SMALLINT, SMALLINT, INTEGER, SMALLINT]);
  const marks = new ChunkWriter(connection, 'marks', [INTEGER, SMALLINT, SMALLINT, SMALLINT, UTINYINT, UTINYINT]);
  await Promise.all([schools.open(), pupils.open(), days.open(), marks.open()]);
  let pupilId = 0;
  registers.forEach((register, school) => {
    const { calendar } = register;
    schools.row(school, register.school.urn ?? String(school));
    for (let d = 0; d < calendar.dayCount; d++) days.row(school, d, calendar.dayNumber[d], calendar.dayWeek[d]);
    const n = calendar.sessionCount;
    const sessionWeek = new Int32Array(n);
    for (let s = 0; s < n; s++) sessionWeek[s] = calendar.dayWeek[calendar.sessionDay[s]];
    register.pupils.forEach((pupil, p) => {
      const dob = pupil.dateOfBirth;
      pupils.row(
        pupilId,
        school,
        pupil.upn,
        dob ? toDayNumber(compulsorySchoolAgeStart(dob)) : -1e9,
        dob ? toDayNumber(compulsorySchoolAgeEnd(dob)) : 1e9,
      );
      const base = p * n;
      for (let s = 0; s < n; s++)
        marks.row(
          pupilId,
          school,
          calendar.sessionDay[s],
          sessionWeek[s],
          calendar.sessionHalf[s],
          register.marks[base + s],
        );
      pupilId++;
    });
  });
  schools.close();
  pupils.close();
  days.close();
  marks.close();
  return connection;
}

/** Appends rows through DataChunks of DuckDB's vector size: the bulk path, not one INSERT per row. */
class ChunkWriter {
  private readonly columns: (number | string)[][];
  private rows = 0;
  private appender!: Awaited<ReturnType<DuckDBConnection['createAppender']>>;
  private readonly chunk: DuckDBDataChunk;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly table: string,
    private readonly types: readonly DuckDBType[],
  ) {
    this.columns = types.map(() => new Array(CHUNK_ROWS));
    this.chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
  }

  async open(): Promise<void> {
    this.appender = await this.connection.createAppender(this.table);
  }

  row(...values: (number | string)[]): void {
    for (let c = 0; c < values.length; c++) this.columns[c][this.rows] = values[c];
    if (++this.rows === CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    if (this.rows === 0) return;
    const columns = this.rows === CHUNK_ROWS ? this.columns : this.columns.map((c) => c.slice(0, this.rows));
    this.chunk.rowCount = this.rows;
    this.chunk.setColumns(columns);
    this.appender.appendDataChunk(this.chunk);
    this.rows = 0;
  }

  close(): void {
    this.flush();
    this.appender.flushSync();
    this.appender.closeSync();
  }
}
