/**
 * The state store (Redis, or the embedded store's disk) cannot be reached right now. Its message is written
 * for the person whose action needed the store, and says plainly that nothing was recorded.
 */
export class StoreUnavailableError extends Error {
  constructor(
    /** Which store: `redis` or `embedded store`. */
    readonly store: string,
    readonly operation: string,
  ) {
    super(
      "I can't record that right now: the bot's store is unavailable, so nothing was changed. Questions are still answered; please try again in a few minutes.",
    );
    this.name = 'StoreUnavailableError';
  }
}
