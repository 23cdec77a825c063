import { type OutboxMessage } from '../../../adapters/store/stateStore.ts';
import { type RateWindow } from '../../../adapters/teams/pacingLimits.ts';
import { type Clock } from '../../../adapters/teams/clock.ts';

/** An HTTP-like failure as the host's ProactiveSendError presents it. */
export class FakeSendError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

export interface Delivery {
  conversationId: string;
  text: string;
  at: number;
}

/**
 * The id the connector gives the n-th message it accepts, shaped as Teams' and the Agents Playground's
 * connector give them (a millisecond-timestamp number, as recorded in test/fixtures/teams).
 */
export function activityIdFor(n: number): string {
  return String(1_796_457_743_826 + n);
}

/** A channel's conversation id as Teams writes it. */
export function channelId(name: string): string {
  return `19:${name}@thread.tacv2`;
}

/**
 * Stands in for Teams behind the sender's `send`: records what it accepts, with the virtual time, and
 * fails requests the way a test scripts (`answer`), e.g. 429 with Retry-After for the first attempts.
 */
export class FakeTeamsEndpoint {
  readonly deliveries: Delivery[] = [];
  readonly attempts: Delivery[] = [];
  /** Decide the fate of a request: undefined accepts it. */
  answer: (request: Delivery, attemptNumber: number) => FakeSendError | undefined = () => undefined;

  constructor(private readonly clock: Clock) {}

  readonly send = async (reference: unknown, message: OutboxMessage): Promise<{ id: string }> => {
    const conversationId = (reference as { conversation: { id: string } }).conversation.id;
    const request = { conversationId, text: message.text, at: this.clock.now() };
    this.attempts.push(request);
    const failure = this.answer(
      request,
      this.attempts.filter((a) => a.text === message.text && a.conversationId === conversationId).length,
    );
    if (failure) throw failure;
    this.deliveries.push(request);
    return { id: activityIdFor(this.deliveries.length) };
  };

  deliveredTexts(): string[] {
    return this.deliveries.map((d) => `${d.conversationId}|${d.text}`);
  }
}

/** Windows in which `times` (sorted or not) held more than the limit: [] when the pacing was kept. */
export function paceViolations(times: readonly number[], windows: readonly RateWindow[]): string[] {
  const sorted = [...times].sort((a, b) => a - b);
  const problems: string[] = [];
  for (const { count, windowMs } of windows) {
    for (let i = 0; i + count < sorted.length; i++) {
      if (sorted[i + count] - sorted[i] < windowMs)
        problems.push(`${count + 1} sends within ${windowMs} ms starting at ${sorted[i]}`);
    }
  }
  return problems;
}
