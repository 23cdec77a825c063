import { z } from 'zod';
import { isIsoDate } from '../../rules/index.ts';
import { type StepAnswers, type StepField } from './walkthrough.ts';

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function fieldSchema(field: StepField): z.ZodType<string | number> {
  switch (field.kind) {
    case 'choice': {
      const values = field.choices.map((c) => c.value) as [string, ...string[]];
      return z.enum(values, { message: `${field.label}: choose one of the options` });
    }
    case 'multi-choice': {
      // A multi-select choice set answers with its chosen values in one string, separated by commas (the
      // Adaptive Cards schema reference, Input.Choice): documented, not in the recorded Teams activities.
      const allowed = new Set(field.choices.map((c) => c.value));
      return z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        )
        .refine((vs) => vs.length > 0, `${field.label}: choose at least one`)
        .refine((vs) => vs.every((v) => allowed.has(v)), `${field.label}: choose from the options`)
        .transform((vs) => [...new Set(vs)].join(','));
    }
    case 'date':
      return z.string().trim().refine(isIsoDate, `${field.label}: a date (YYYY-MM-DD)`);
    case 'number':
      // Teams sends Input.Number values as strings or numbers depending on the client.
      return z.coerce
        .number({ message: `${field.label}: a number` })
        .int(`${field.label}: a whole number`)
        .min(field.min, `${field.label}: at least ${field.min}`)
        .max(field.max, `${field.label}: at most ${field.max}`);
    case 'text':
      return z
        .string()
        .trim()
        .min(1, `${field.label}: write something`)
        .max(field.maxLength, `${field.label}: at most ${field.maxLength} characters`);
  }
}

/**
 * Checks a step's answers as they arrive from a client (any client can post any JSON to an invoke): every
 * required field present and well formed, optional ones either blank or well formed, nothing else kept.
 */
export function parseStepAnswers(
  fields: readonly StepField[],
  data: Record<string, unknown>,
): { ok: true; answers: StepAnswers } | { ok: false; problems: string[] } {
  const answers: StepAnswers = {};
  const problems: string[] = [];
  for (const field of fields) {
    const raw = data[field.id];
    if (blank(raw)) {
      if (!field.optional) problems.push(`${field.label}: needed`);
      continue;
    }
    const parsed = fieldSchema(field).safeParse(raw);
    if (parsed.success) answers[field.id] = parsed.data;
    else problems.push(parsed.error.issues[0].message);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}
