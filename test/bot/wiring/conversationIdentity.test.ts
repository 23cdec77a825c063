import { describe, expect, it } from 'vitest';
import { channelConversationId, conversationInfo, conversationRef } from '../../../bot/wiring/teamsActivity.ts';
import { recordedActivity, type RecordedName } from '../support/recordedActivities.ts';

const CHANNEL_ACTIVITIES: RecordedName[] = [
  'channel-installation-update',
  'channel-conversation-update',
  'channel-message-mention',
  'channel-thread-reply',
  'channel-card-action-in-thread',
  'channel-card-action-on-post',
];

describe('one conversation identity for every post, reply and card in a channel', () => {
  it.each(CHANNEL_ACTIVITIES)('names the channel itself for the recorded %s', (name) => {
    const activity = recordedActivity(name);
    const channel = (activity.channelData as { channel?: { id: string }; team: { id: string } }).channel?.id;
    const info = conversationInfo(activity);
    expect(info.type).toBe('channel');
    expect(info.id).toBe(channel ?? (activity.channelData as { team: { id: string } }).team.id);
    expect(info.id).not.toContain(';messageid=');
    // What is stored for later sends names the channel, so alerts start new posts rather than join a thread.
    expect(conversationRef(activity).conversation.id).toBe(info.id);
  });

  it('keeps the thread a channel message or card came from', () => {
    const post = conversationInfo(recordedActivity('channel-message-mention'));
    const reply = conversationInfo(recordedActivity('channel-thread-reply'));
    expect(post.threadId).toMatch(/^\d+$/);
    expect(reply.threadId).toBe(post.threadId);
    const onPost = recordedActivity('channel-card-action-on-post');
    expect(conversationInfo(onPost).threadId).toBe(onPost.replyToId);
  });

  it.each(['personal-message', 'group-message-mention', 'personal-card-action', 'group-card-action'] as const)(
    'leaves a chat id as it is (%s)',
    (name) => {
      const activity = recordedActivity(name);
      const info = conversationInfo(activity);
      expect(info.id).toBe((activity.conversation as { id: string }).id);
      expect(info.threadId).toBeUndefined();
    },
  );

  it("strips only the thread part of Teams' own channel ids", () => {
    expect(channelConversationId('19:abc123@thread.tacv2;messageid=1733390000000')).toBe('19:abc123@thread.tacv2');
    expect(channelConversationId('19:abc123@thread.tacv2')).toBe('19:abc123@thread.tacv2');
    expect(channelConversationId('a:1xYz-personal')).toBe('a:1xYz-personal');
  });
});
