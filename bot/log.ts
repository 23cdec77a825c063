/** Fields a log line may carry: ids, counts, kinds and timings. Never names, marks or free text from users. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export type Log = (event: string, fields?: LogFields) => void;

/** One JSON object per line on stdout, which every log shipper reads. */
export function jsonLineLog(write: (line: string) => void = (line) => process.stdout.write(line)): Log {
  return (event, fields = {}) => write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
}

/** For tests and tools that do not want logs. */
export const silentLog: Log = () => {};
