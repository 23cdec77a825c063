import { parseArgs } from 'node:util';
import { generateLocalAuthority } from '../adapters/generator/generateLocalAuthority.ts';
import { generatorOptionsSchema, type GeneratorOptionsInput } from '../adapters/generator/generatorOptions.ts';
import { UsageError } from './cliArgs.ts';
import type { CliStreams, CommandOutput } from './commandTypes.ts';

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} ${JSON.stringify(text)} is not a whole number`);
  return Number(text);
}

/**
 * `attendance generate --schools N --pupils P --seed S --year 2024/25 --out DIR`: writes a synthetic
 * local authority, one canonical register bundle per school, calibrated to DfE national rates.
 * Progress goes to stderr as each school is written; the summary to stdout (JSON with --json).
 */
export function generateCommand(argv: string[], io: CliStreams): CommandOutput {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        schools: { type: 'string' },
        pupils: { type: 'string' },
        seed: { type: 'string' },
        year: { type: 'string' },
        through: { type: 'string' },
        out: { type: 'string' },
        la: { type: 'string' },
        'la-code': { type: 'string' },
        policy: { type: 'string', multiple: true },
        scenarios: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const missing = ['schools', 'pupils', 'seed', 'year', 'out'].filter(
    (k) => values[k as keyof typeof values] === undefined,
  );
  if (missing.length > 0) throw new UsageError(`generate needs ${missing.map((m) => `--${m}`).join(', ')}`);
  const input: GeneratorOptionsInput = {
    schools: wholeNumber('schools', values.schools)!,
    pupils: wholeNumber('pupils', values.pupils)!,
    seed: values.seed!,
    year: values.year!,
    through: values.through,
    localAuthority: values.la,
    laCode: values['la-code'],
    policies: values.policy
      ?.flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean),
    scenarios: values.scenarios,
  };
  const checked = generatorOptionsSchema.safeParse(input);
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => i.message).join('; '));
  const started = Date.now();
  const summaries = generateLocalAuthority(input, values.out!, (s, i, total) => {
    io.stderr.write(
      `generate: school ${i + 1}/${total} urn ${s.urn} (${s.phase}, ${s.pupils} pupils, ${s.markRows} marks) -> ${s.dir}\n`,
    );
  });
  const pupils = summaries.reduce((n, s) => n + s.pupils, 0);
  const marks = summaries.reduce((n, s) => n + s.markRows, 0);
  const seconds = (Date.now() - started) / 1000;
  if (values.json) {
    return {
      stdout: `${JSON.stringify({ out: values.out, seed: input.seed, year: input.year, schools: summaries, pupils, marks, seconds })}\n`,
      stderr: '',
    };
  }
  const lines = summaries.map(
    (s) =>
      `  ${s.dir}  urn ${s.urn}  ${s.phase}  policy ${s.policy}  ${s.pupils} pupils  ${s.markRows} marks${s.scenarioPupils ? `  ${s.scenarioPupils} scenario pupils` : ''}`,
  );
  return {
    stdout: `Generated ${summaries.length} schools, ${pupils} pupils, ${marks} marks in ${seconds.toFixed(1)} s:\n${lines.join('\n')}\n`,
    stderr: '',
  };
}
