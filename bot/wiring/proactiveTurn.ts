import { type TeamsAdapter } from '@microsoft/teams-ai';
import { type TurnContext } from 'botbuilder';
import { ProactiveSendError, type ConversationRef } from '../host/featureHost.ts';
import { toConversationReference } from './teamsActivity.ts';

/**
 * Runs `logic` in a turn on a stored conversation, outside any incoming activity. botbuilder hands an error
 * thrown inside the logic to adapter.onTurnError instead of rejecting, so a refused send (403, 429) would
 * look like success: the error is caught in the logic and rethrown to the caller as a ProactiveSendError.
 */
export async function withConversation(
  adapter: TeamsAdapter,
  appId: string,
  reference: ConversationRef,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: unknown;
  try {
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      try {
        await logic(context);
      } catch (err) {
        failure = err;
      }
    });
  } catch (err) {
    failure = err;
  }
  if (failure !== undefined) throw asSendError(failure);
}

/** botbuilder's RestError carries the HTTP status and headers; keep what pacing and dropping need. */
export function asSendError(err: unknown): ProactiveSendError {
  if (err instanceof ProactiveSendError) return err;
  const e = err as {
    statusCode?: number;
    status?: number;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode ?? e.status ?? 0;
  const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
  return new ProactiveSendError(
    `Teams refused the send (${status || 'no status'}): ${e.message ?? String(err)}`,
    status,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
  );
}
