import { type Log } from '../log.ts';

/**
 * botframework-connector writes to stderr when it refuses an inbound token: the whole signing key it tried
 * ("Error finding key for token. Available keys: ...") and, for an expired token, the error with its stack.
 * Anyone on the internet can cause that by posting a forged token, so a flood of them would bury the log in
 * key dumps. This drops exactly those two writes (the refusal itself is logged once, as `auth.refused`, with
 * ids only) and passes every other console.error through unchanged. Installed once, by the process entry; returns what undoes it.
 */
export function quietBotbuilderAuthNoise(log: Log): () => void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'string' && first.startsWith('Error finding key for token')) return;
    if (first instanceof Error && first.name === 'TokenExpiredError') return;
    original.apply(console, args);
  };
  log('auth.stderr-filter', { installed: true });
  return () => {
    console.error = original;
  };
}
