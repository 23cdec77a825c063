/**
 * What went wrong with the store, for the logs: the system error's code (`ECONNREFUSED`, `ETIMEDOUT`) when
 * there is one, else the error's class name; never its message, which may quote what was being stored.
 * Both the outage wrapper and the Redis connection report the store's failures this way, so the two name
 * the same failure alike.
 */
export function storeErrorKind(err: unknown): string {
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ?? err.name;
  return typeof err;
}
