import { resolve } from 'node:path';
import { z } from 'zod';
import { EmbeddedStateStore } from './embeddedStateStore.ts';
import { RedisStateStore } from './redisStateStore.ts';
import { type StateStore } from './stateStore.ts';

export const stateStoreConfigSchema = z.object({
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'REDIS_URL must start with redis:// or rediss:// (or be unset to use the embedded store)'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]*$/, 'REDIS_KEY_PREFIX may hold letters, digits, "_", ".", ":" and "-" only')
    .default('attendance:'),
  STATE_DIR: z.string().trim().min(1, 'STATE_DIR must name a directory').default('state'),
});

export type StateStoreConfig = z.infer<typeof stateStoreConfigSchema>;

/** Reads the store's settings from the environment, with messages that say which variable to fix. */
export function stateStoreConfigFrom(env: NodeJS.ProcessEnv): StateStoreConfig {
  const result = stateStoreConfigSchema.safeParse(env);
  if (!result.success) throw new Error(`state store settings: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

/** Redis when REDIS_URL is set (several instances may share it), otherwise the embedded file store in STATE_DIR. */
export async function openStateStore(config: StateStoreConfig): Promise<StateStore> {
  if (config.REDIS_URL) return RedisStateStore.connect(config.REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX });
  return EmbeddedStateStore.open(resolve(config.STATE_DIR));
}
