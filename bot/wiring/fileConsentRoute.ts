import { type Application, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { type FileConsentTurn } from '../host/featureHost.ts';
import { type FeatureRegistry } from '../host/featureRegistry.ts';
import { conversationInfo, conversationRef, fileInfoActivity, toActivity, userInfo } from './teamsActivity.ts';

/**
 * What Teams sends when a person answers a file consent card (Microsoft's "Send and receive files using
 * bot"): the invoke `fileConsent/invoke` with `value.type` "fileUpload", `value.action` "accept" or
 * "decline", the card's context, and, on accept, where to upload. Bounded, as a client could send anything.
 */
const uploadInfoShape = z.looseObject({
  uploadUrl: z.string().min(1).max(8000),
  contentUrl: z.string().min(1).max(8000),
  name: z.string().min(1).max(400),
  uniqueId: z.string().min(1).max(400),
  fileType: z.string().max(40).default(''),
});

const fileConsentValue = z
  .looseObject({
    type: z.literal('fileUpload'),
    action: z.enum(['accept', 'decline']),
    context: z.record(z.string(), z.unknown()).default({}),
    uploadInfo: uploadInfoShape.optional(),
  })
  .refine((v) => v.action === 'decline' || v.uploadInfo !== undefined, {
    message: 'an accepted file needs uploadInfo',
  });

/**
 * Routes file consent answers to the feature that made the offer (by the `purpose` the offer put in the
 * card's context) and answers the invoke: 200 once the feature has handled it (it tells the person how it
 * went, in the chat), 400 for an answer this bot cannot read or did not offer, 500 if the handler failed.
 */
export function installFileConsentRoute(app: Application<TurnState>, registry: FeatureRegistry): void {
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'fileConsent/invoke',
    async (context) => {
      const parsed = fileConsentValue.safeParse(context.activity.value);
      const purpose = parsed.success ? parsed.data.context.purpose : undefined;
      const handler = typeof purpose === 'string' ? registry.fileConsents.get(purpose)?.handler : undefined;
      if (!parsed.success || !handler) {
        await answer(context, 400, {
          error: parsed.success
            ? 'this file was not offered by this bot'
            : 'not a file consent answer this bot can read',
        });
        return;
      }
      const activity = context.activity;
      const { action, context: offerContext, uploadInfo } = parsed.data;
      const turn: FileConsentTurn = {
        action,
        context: offerContext,
        upload: uploadInfo && {
          uploadUrl: uploadInfo.uploadUrl,
          contentUrl: uploadInfo.contentUrl,
          name: uploadInfo.name,
          uniqueId: uploadInfo.uniqueId,
          fileType: uploadInfo.fileType,
        },
        conversation: conversationInfo(activity),
        user: userInfo(activity),
        reference: conversationRef(activity),
        reply: async (message) => ({ id: (await context.sendActivity(toActivity(message)))?.id }),
        replyWithFile: async (file, text) => ({ id: (await context.sendActivity(fileInfoActivity(file, text)))?.id }),
      };
      let outcome: 'answered' | 'unreadable';
      try {
        outcome = await handler(turn);
      } catch (err) {
        // The turn's error handler logs it; the invoke still gets an answer so Teams does not wait it out.
        await answer(context, 500, { error: 'something went wrong; it has been logged' });
        throw err;
      }
      if (outcome === 'unreadable') await answer(context, 400, { error: 'this file was not offered by this bot' });
      else await answer(context, 200);
    },
    true,
  );
}

async function answer(context: TurnContext, status: number, body?: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
