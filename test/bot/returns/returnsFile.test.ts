import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { returnsCommand } from '../../../cli/returnsCommand.ts';
import { AUTUMN_2025, type FixtureSpec } from '../../support/registerFixture.ts';
import { FIXTURE_AS_OF } from '../support/botFixture.ts';
import { type ConnectorCall } from '../support/fakeConnector.ts';
import { FakeUploadServer } from '../support/fakeUploadServer.ts';
import { documentedFileConsent } from '../support/recordedActivities.ts';
import { actionExecute, channelMessage, postActivity, STAFF_USER, TENANT } from '../support/teamsActivities.ts';
import { cardText, DecisionBot, STAFF_AAD } from '../decisions/decisionBot.ts';

/**
 * National profile, as of Fri 21 Nov 2025 (Mon 3 November is an INSET day). Hillside owes two returns for
 * November: Rhys Long (10 school days of O, 4-17 November) and Iris Bell (15 days of illness across the
 * half-term). Brookside owes one: Noor Hale (O from 4 November, still away).
 */
const HILLSIDE: FixtureSpec = {
  school: { urn: '100001', name: 'Hillside School', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Rhys',
      familyName: 'Long',
      yearGroup: '8',
      dateOfBirth: '2012-12-12',
      spans: [['2025-11-04', '2025-11-17', 'O']],
      marksUntil: FIXTURE_AS_OF,
    },
    {
      givenName: 'Iris',
      familyName: 'Bell',
      yearGroup: '7',
      dateOfBirth: '2013-10-10',
      spans: [['2025-10-20', '2025-11-17', 'I']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const BROOKSIDE: FixtureSpec = {
  school: { urn: '100002', name: 'Brookside Academy', localAuthority: 'Fixture LA', policy: 'national' },
  calendar: AUTUMN_2025,
  pupils: [
    {
      givenName: 'Noor',
      familyName: 'Hale',
      yearGroup: '9',
      dateOfBirth: '2011-04-04',
      spans: [['2025-11-04', FIXTURE_AS_OF, 'O']],
      marksUntil: FIXTURE_AS_OF,
    },
  ],
};
const HILLSIDE_CHANNEL = '19:hillside-attendance@thread.tacv2';
const HILLSIDE_GROUP_CHAT = '19:hillside-leads@thread.v2';
/** A member of staff at Brookside only. */
const BROOKSIDE_AAD = 'aad-brookside-lead';
/** An LA officer following both schools. */
const OFFICER_AAD = 'aad-la-officer';
const PUPIL_NAMES = ['Rhys', 'Iris', 'Long', 'Bell', 'Noor'];

interface Attachment {
  contentType: string;
  name?: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

function attachmentsOf(call: ConnectorCall): Attachment[] {
  return (call.activity.attachments as Attachment[] | undefined) ?? [];
}

describe('the month’s returns as a Teams file, through the bot over HTTP', () => {
  const bot = new DecisionBot();
  const uploads = new FakeUploadServer();
  const personalChat = () => bot.connector.personalChatId(STAFF_USER.id);

  beforeAll(async () => {
    await uploads.start();
    // Without a role of their own, people are plain staff (local mode would otherwise make everyone an LA officer).
    await bot.start(
      [HILLSIDE, BROOKSIDE],
      { fileUploads: { allowLoopbackHttpForTests: true, timeoutMs: 500 } },
      { ATTENDANCE_DEFAULT_ROLE: 'staff' },
    );
    await bot.bind(HILLSIDE_CHANNEL, '100001');
    await bot.bind(HILLSIDE_GROUP_CHAT, '100001');
    await bot.role('100001', 'attendance-lead');
    const store = bot.bot.services.store;
    await store.setRole('100002', BROOKSIDE_AAD, 'attendance-lead');
    await store.setRole('*', OFFICER_AAD, 'la-officer');
    await store.putSubscription({
      userId: OFFICER_AAD,
      conversationId: bot.connector.personalChatId(STAFF_USER.id),
      schools: ['100001', '100002'],
      updatedAt: '2025-11-21T08:00:00Z',
    });
  });
  afterAll(async () => {
    await bot.close();
    await uploads.stop();
  });
  beforeEach(() => {
    uploads.behaviour = 'accept';
    bot.connector.refuseNewConversations(undefined);
  });

  /** Posts a message as the given person and answers the connector calls it caused. */
  async function ask(
    text: string,
    options: { conversationId?: string; scope?: 'channel' | 'groupChat' | 'personal'; aad?: string } = {},
  ): Promise<ConnectorCall[]> {
    const before = bot.connector.calls.length;
    const response = await postActivity(
      bot.url,
      channelMessage({
        serviceUrl: bot.connector.url,
        text,
        conversationId: options.conversationId ?? HILLSIDE_CHANNEL,
        userAadId: options.aad ?? STAFF_AAD,
        scope: options.scope ?? 'channel',
      }),
    );
    expect(response.status).toBe(200);
    return bot.connector.calls.slice(before);
  }

  /** The consent card the bot last sent into the personal chat. */
  function lastConsentCard(): Attachment {
    const sent = bot.connector.sentTo(personalChat());
    const card = attachmentsOf(sent.at(-1)!).find(
      (a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent',
    );
    expect(card, 'a file consent card in the personal chat').toBeDefined();
    return card!;
  }

  /** Answers a consent card as Teams posts the person's accept or decline (documented shape). */
  async function answer(
    action: 'accept' | 'decline',
    context: Record<string, unknown>,
    options: { aad?: string; name?: string } = {},
  ): Promise<{ status: number; calls: ConnectorCall[] }> {
    const before = bot.connector.calls.length;
    const started = performance.now();
    const response = await postActivity(
      bot.url,
      documentedFileConsent({
        serviceUrl: bot.connector.url,
        conversationId: personalChat(),
        from: { ...STAFF_USER, aadObjectId: options.aad ?? STAFF_AAD },
        action,
        context,
        uploadInfo: {
          uploadUrl: uploads.uploadUrl(options.name ?? 'returns.csv'),
          name: options.name ?? 'Hillside School, returns to the LA, November 2025.csv',
          contentUrl: 'https://contoso.sharepoint.com/personal/staff/Documents/Applications/returns.csv',
          uniqueId: 'FILE-UNIQUE-1',
          fileType: 'csv',
        },
      }),
    );
    // Teams waits about 5 seconds for an invoke's answer.
    expect(performance.now() - started).toBeLessThan(5000);
    return { status: response.status, calls: bot.connector.calls.slice(before) };
  }

  function repliesIn(calls: ConnectorCall[], conversationId: string): ConnectorCall[] {
    return calls.filter((c) => c.method === 'POST' && c.conversationId.startsWith(conversationId));
  }

  it('asked in the school’s channel, opens the asker’s personal chat and offers the file there, posting no pupil data to the channel', async () => {
    const calls = await ask("send me November's returns as a file");
    const created = bot.connector.createdConversations.at(-1)!;
    expect(created).toMatchObject({
      isGroup: false,
      members: [{ id: STAFF_USER.id }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    const channelReplies = repliesIn(calls, HILLSIDE_CHANNEL);
    expect(channelReplies).toHaveLength(1);
    const said = String(channelReplies[0].activity.text);
    expect(said).toContain('personal chat');
    expect(attachmentsOf(channelReplies[0])).toEqual([]);
    for (const name of PUPIL_NAMES) expect(JSON.stringify(channelReplies[0].activity)).not.toContain(name);

    const card = lastConsentCard();
    expect(card.name).toBe('Hillside School, returns to the LA, November 2025.csv');
    expect(card.content).toMatchObject({
      acceptContext: { purpose: 'returns.file', month: '2025-11', schools: '100001', for: STAFF_AAD },
    });
    expect(card.content.declineContext).toEqual(card.content.acceptContext);
  });

  it('asked in a group chat, also sends the consent card to the personal chat and only says so in the group', async () => {
    const createdBefore = bot.connector.createdConversations.length;
    const offeredBefore = bot.connector.sentTo(personalChat()).length;
    const calls = await ask('returns for November as a file', {
      conversationId: HILLSIDE_GROUP_CHAT,
      scope: 'groupChat',
    });
    expect(bot.connector.createdConversations.length).toBe(createdBefore + 1);
    const said = repliesIn(calls, HILLSIDE_GROUP_CHAT);
    expect(said).toHaveLength(1);
    expect(String(said[0].activity.text)).toContain('personal chat');
    expect(attachmentsOf(said[0])).toEqual([]);
    for (const name of PUPIL_NAMES) expect(JSON.stringify(said[0].activity)).not.toContain(name);
    expect(bot.connector.sentTo(personalChat()).length).toBe(offeredBefore + 1);
    expect(lastConsentCard().content.acceptContext).toMatchObject({ schools: '100001' });
  });

  it('asked in the personal chat, the consent card is the whole answer', async () => {
    const createdBefore = bot.connector.createdConversations.length;
    const calls = await ask('send me the returns for November as a CSV file', {
      conversationId: personalChat(),
      scope: 'personal',
      aad: OFFICER_AAD,
    });
    expect(bot.connector.createdConversations.length).toBe(createdBefore);
    const sent = repliesIn(calls, personalChat());
    expect(sent).toHaveLength(1);
    expect(String(sent[0].activity.text)).toContain('Accept it to save it to your OneDrive');
    expect(attachmentsOf(sent[0]).map((a) => a.contentType)).toEqual([
      'application/vnd.microsoft.teams.card.file.consent',
    ]);
  });

  it('on accept, puts the bytes of the command line’s CSV for the month where Teams said, shows the file, and audits the send', async () => {
    await ask('returns for November as CSV');
    const card = lastConsentCard();
    const uploadsBefore = uploads.uploads.length;
    const { status, calls } = await answer('accept', card.content.acceptContext as Record<string, unknown>);
    expect(status).toBe(200);

    const cli = returnsCommand([join(bot.dataDir, 'school-1'), '--month', '2025-11', '--csv']).stdout;
    const received = uploads.uploads.slice(uploadsBefore);
    expect(received).toHaveLength(1);
    expect(received[0].bytes.toString('utf8')).toBe(cli);
    expect(cli).toContain('Rhys Long');
    const size = Buffer.byteLength(cli);
    expect(card.content.sizeInBytes).toBe(size);
    expect(received[0].headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(received[0].headers['content-length']).toBe(String(size));
    expect(received[0].headers.authorization).toBeUndefined();

    const shown = repliesIn(calls, personalChat());
    expect(shown).toHaveLength(1);
    expect(attachmentsOf(shown[0])).toEqual([
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: 'https://contoso.sharepoint.com/personal/staff/Documents/Applications/returns.csv',
        name: 'Hillside School, returns to the LA, November 2025.csv',
        content: { uniqueId: 'FILE-UNIQUE-1', fileType: 'csv' },
      },
    ]);
    expect(String(shown[0].activity.text)).toContain('November 2025');

    const audit = await bot.bot.services.store.listAudit({ schoolUrn: '100001' });
    const sent = audit.filter((a) => a.what === 'returns.file.sent');
    expect(sent.at(-1)).toMatchObject({ who: STAFF_AAD, schoolUrn: '100001', detail: { month: '2025-11', rows: 2 } });
  });

  it('on decline, uploads nothing, audits nothing and says so', async () => {
    await ask("send me November's returns as a file");
    const card = lastConsentCard();
    const uploadsBefore = uploads.uploads.length;
    const auditBefore = (await bot.bot.services.store.listAudit({ schoolUrn: '100001' })).length;
    const { status, calls } = await answer('decline', card.content.declineContext as Record<string, unknown>);
    expect(status).toBe(200);
    expect(uploads.uploads.length).toBe(uploadsBefore);
    expect((await bot.bot.services.store.listAudit({ schoolUrn: '100001' })).length).toBe(auditBefore);
    const said = repliesIn(calls, personalChat());
    expect(said).toHaveLength(1);
    expect(String(said[0].activity.text)).toContain('You declined the file, so nothing was uploaded');
  });

  it('for an LA officer, offers one file of the schools they follow from the card’s “Send as a file”, in their personal chat', async () => {
    const calls = await ask('returns for November', {
      conversationId: personalChat(),
      scope: 'personal',
      aad: OFFICER_AAD,
    });
    const card = attachmentsOf(repliesIn(calls, personalChat())[0])[0].content as {
      actions: { verb: string; data: Record<string, unknown> }[];
    };
    const button = card.actions.find((a) => a.verb === 'returns.file');
    expect(button?.data).toEqual({ month: '2025-11', scope: '100001,100002' });
    const createdBefore = bot.connector.createdConversations.length;
    const before = bot.connector.calls.length;
    const response = await postActivity(
      bot.url,
      actionExecute({
        serviceUrl: bot.connector.url,
        verb: 'returns.file',
        data: button!.data,
        replyToId: 'activity-card',
        conversationId: personalChat(),
        personal: true,
        userAadId: OFFICER_AAD,
      }),
    );
    expect(response.status).toBe(200);
    expect((response.body as { value: string }).value).toContain('accept it to save it to your OneDrive');
    // Already in the personal chat: no new conversation, the consent card comes here.
    expect(bot.connector.createdConversations.length).toBe(createdBefore);
    expect(repliesIn(bot.connector.calls.slice(before), personalChat())).toHaveLength(1);
    const offer = lastConsentCard();
    expect(offer.name).toBe('2 schools, returns to the LA, November 2025.csv');

    const uploadsBefore = uploads.uploads.length;
    const { status } = await answer('accept', offer.content.acceptContext as Record<string, unknown>, {
      aad: OFFICER_AAD,
    });
    expect(status).toBe(200);
    // One header, then each school's rows as the command line writes them for that school.
    const [hillside, brookside] = ['school-1', 'school-2'].map(
      (dir) => returnsCommand([join(bot.dataDir, dir), '--month', '2025-11', '--csv']).stdout,
    );
    const header = hillside.slice(0, hillside.indexOf('\r\n') + 2);
    expect(uploads.uploads.slice(uploadsBefore).map((u) => u.bytes.toString('utf8'))).toEqual([
      hillside + brookside.slice(header.length),
    ]);
    const audit = (await bot.bot.services.store.listAudit({})).filter(
      (a) => a.what === 'returns.file.sent' && a.who === OFFICER_AAD,
    );
    expect(audit.map((a) => [a.schoolUrn, a.detail?.rows])).toEqual([
      ['100001', 2],
      ['100002', 1],
    ]);
  });

  it('refuses a member of staff from another school, whether they ask in its channel or answer a forged offer', async () => {
    const calls = await ask('returns for November as a file', { aad: BROOKSIDE_AAD });
    expect(bot.connector.createdConversations.filter((c) => JSON.stringify(c).includes(BROOKSIDE_AAD))).toEqual([]);
    const replies = repliesIn(calls, HILLSIDE_CHANNEL);
    expect(replies).toHaveLength(1);
    expect(String(replies[0].activity.text)).toContain('Returns are for the head');
    expect(repliesIn(calls, personalChat())).toEqual([]);

    const uploadsBefore = uploads.uploads.length;
    const forged = await answer(
      'accept',
      { purpose: 'returns.file', month: '2025-11', schools: '100001', for: BROOKSIDE_AAD },
      { aad: BROOKSIDE_AAD },
    );
    expect(forged.status).toBe(200);
    expect(uploads.uploads.length).toBe(uploadsBefore);
    expect(String(repliesIn(forged.calls, personalChat())[0].activity.text)).toContain(
      'Your role at Hillside School no longer covers returns',
    );
  });

  it('does not send a file offered to one person when another answers it', async () => {
    const uploadsBefore = uploads.uploads.length;
    const other = await answer(
      'accept',
      { purpose: 'returns.file', month: '2025-11', schools: '100001', for: STAFF_AAD },
      { aad: BROOKSIDE_AAD },
    );
    expect(other.status).toBe(200);
    expect(uploads.uploads.length).toBe(uploadsBefore);
    expect(String(repliesIn(other.calls, personalChat())[0].activity.text)).toContain('offered to someone else');
  });

  it('answers a malformed or unknown file consent invoke with 400, and goes on answering', async () => {
    const envelope = documentedFileConsent({
      serviceUrl: bot.connector.url,
      conversationId: personalChat(),
      from: { ...STAFF_USER, aadObjectId: STAFF_AAD },
      action: 'accept',
      context: {},
    });
    const bodies = [
      { ...envelope, value: { type: 'fileUpload', action: 'accept', context: { purpose: 'returns.file' } } },
      { ...envelope, value: 'accept' },
      { ...envelope, value: { type: 'fileUpload', action: 'maybe' } },
      { ...envelope, value: { ...(envelope.value as object), context: { purpose: 'someone-else.file' } } },
      { ...envelope, value: { ...(envelope.value as object), context: { purpose: 'returns.file', month: '2025-13' } } },
    ];
    const uploadsBefore = uploads.uploads.length;
    for (const body of bodies) {
      const response = await postActivity(bot.url, body);
      expect(response.status, JSON.stringify(body.value)).toBe(400);
    }
    expect(uploads.uploads.length).toBe(uploadsBefore);
    const still = await ask('returns due');
    expect(cardText(attachmentsOf(repliesIn(still, HILLSIDE_CHANNEL)[0])[0].content as never)).toContain(
      'Returns to the local authority',
    );
  });

  it('says plainly when the upload server fails, and audits no send', async () => {
    await ask("send me November's returns as a file");
    const card = lastConsentCard();
    uploads.behaviour = { status: 500 };
    const auditBefore = (await bot.bot.services.store.listAudit({ schoolUrn: '100001' })).length;
    const { status, calls } = await answer('accept', card.content.acceptContext as Record<string, unknown>);
    expect(status).toBe(200);
    const said = repliesIn(calls, personalChat());
    expect(said).toHaveLength(1);
    expect(String(said[0].activity.text)).toContain('OneDrive refused it (HTTP 500), so nothing was saved');
    expect(attachmentsOf(said[0])).toEqual([]);
    expect((await bot.bot.services.store.listAudit({ schoolUrn: '100001' })).length).toBe(auditBefore);
  });

  it('gives up on an upload server that does not answer, within the invoke’s time, and says so', async () => {
    await ask("send me November's returns as a file");
    const card = lastConsentCard();
    uploads.behaviour = 'hang';
    const { status, calls } = await answer('accept', card.content.acceptContext as Record<string, unknown>);
    expect(status).toBe(200);
    expect(String(repliesIn(calls, personalChat())[0].activity.text)).toContain(
      'OneDrive did not answer within 0.5 seconds, so nothing was saved',
    );
  });

  it('says what to do when Teams will not open a personal chat (the app is not installed for the person)', async () => {
    bot.connector.refuseNewConversations(403);
    const before = bot.connector.sentTo(personalChat()).length;
    const calls = await ask("send me November's returns as a file");
    const replies = repliesIn(calls, HILLSIDE_CHANNEL);
    expect(replies).toHaveLength(1);
    expect(String(replies[0].activity.text)).toContain('the attendance app is not installed for you');
    expect(String(replies[0].activity.text)).toContain('then ask again');
    expect(bot.connector.sentTo(personalChat()).length).toBe(before);
  });
});
