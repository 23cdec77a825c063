import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../rules/index.ts';

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface CommonArgs {
  dir: string;
  asOf?: string;
  policy?: string;
  json: boolean;
  method: 'all-pupils' | 'dfe-live';
  lenient: boolean;
  upn?: string;
  rules: string[];
  /** The previous school year's bundle, so windows that look back reach across the summer. */
  previous?: string;
}

/**
 * A command's options as node's parseArgs reads them, and the one register bundle it names: any mistake is
 * a UsageError (exit code 2) saying what to type instead.
 */
export function parseBundleArgs<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
): {
  values: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T }>>['values'];
  dir: string;
} {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'name the register bundle directory'
        : `one bundle directory at a time (got ${positionals.join(', ')})`,
    );
  return { values, dir: positionals[0] };
}

export function parseCommonArgs(args: string[]): CommonArgs {
  const { values, dir } = parseBundleArgs(args, {
    'as-of': { type: 'string' },
    policy: { type: 'string' },
    json: { type: 'boolean', default: false },
    method: { type: 'string', default: 'all-pupils' },
    lenient: { type: 'boolean', default: false },
    upn: { type: 'string' },
    rule: { type: 'string', multiple: true, default: [] },
    previous: { type: 'string' },
  });
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a date written YYYY-MM-DD`);
  if (values.method !== 'all-pupils' && values.method !== 'dfe-live')
    throw new UsageError(`--method must be all-pupils or dfe-live (got ${values.method})`);
  return {
    dir,
    asOf,
    policy: values.policy,
    json: values.json ?? false,
    method: values.method,
    lenient: values.lenient ?? false,
    upn: values.upn,
    rules: values.rule ?? [],
    previous: values.previous,
  };
}
