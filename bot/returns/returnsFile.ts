import { z } from 'zod';
import { DEFAULT_UPLOAD_MAX_BYTES, uploadFileBytes, type FileUploadFailure } from '../../adapters/teams/fileUpload.ts';
import { formatMonth, isCalendarMonth, monthBounds, monthlyReturns, schoolsReturnsCsv } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { RETURN_ROLES } from '../decisions/decisionServices.ts';
import {
  ProactiveSendError,
  type ConversationInfo,
  type ConversationRef,
  type FileConsentTurn,
  type FileSender,
  type UserInfo,
} from '../host/featureHost.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { type ReturnsServices } from './returnsServices.ts';

/** The purpose the returns file's consent card carries, so its answer comes back here. */
export const RETURNS_FILE_PURPOSE = 'returns.file';

/** The month's file: the CSV the command line writes (`attendance returns --csv`), and how many returns it holds. */
export interface ReturnsFile {
  csv: string;
  bytes: Uint8Array;
  rows: number;
  perSchool: { urn: string; rows: number }[];
}

/**
 * A month's returns for these schools, written by the same CSV writer as `attendance returns --csv` and
 * worked out the same way (at the month's end, or at the register's day when the month is not over), so
 * one school's file is byte for byte the command's. A school whose register has not reached the month
 * has no rows.
 */
export function returnsFile(schools: readonly SchoolData[], month: string): ReturnsFile {
  const parts = schools
    .filter((school) => school.asOf >= monthBounds(month).first)
    .map((school) => ({
      school: school.register.school,
      urn: school.urn,
      owed: monthlyReturns(school.register, { month, policy: school.policy, asOf: school.asOf }),
    }));
  const csv = schoolsReturnsCsv(parts);
  return {
    csv,
    bytes: new TextEncoder().encode(csv),
    rows: parts.reduce((n, p) => n + p.owed.returns.length, 0),
    perSchool: parts.map((p) => ({ urn: p.urn, rows: p.owed.returns.length })),
  };
}

/** Characters OneDrive will not take in a file name, and control characters. */
const NOT_IN_FILE_NAMES = /["*:<>?/\\|\p{Cc}]/gu;

/** "Hillside School, returns to the LA, November 2025.csv": what the person sees on the card and in OneDrive. */
export function returnsFileName(schools: readonly SchoolData[], month: string): string {
  const who = schools.length === 1 ? schools[0].name : `${schools.length} schools`;
  return `${who.replace(NOT_IN_FILE_NAMES, ' ').trim().slice(0, 120)}, returns to the LA, ${formatMonth(month)}.csv`;
}

function returnsCount(rows: number): string {
  return `${rows} return${rows === 1 ? '' : 's'}`;
}

export interface FileRequest {
  conversation: ConversationInfo;
  user: UserInfo;
  reference: ConversationRef;
}

/**
 * Offers the month's file to the person who asked, with a file consent card in their personal chat with
 * the bot: the chat they asked in when it is one, or the one the connector opens for them (Teams sends a
 * bot's files only in personal chats, and a file of pupils' names has no place in a channel anyway).
 * Answers what to say where they asked; null when the consent card itself is the answer.
 */
export async function offerReturnsFile(
  services: ReturnsServices,
  files: FileSender,
  request: FileRequest,
  scope: { schools: SchoolData[]; refused: string[] },
  month: string,
): Promise<string | null> {
  const file = returnsFile(scope.schools, month);
  const names = scope.schools.map((s) => s.name).join(', ');
  if (file.rows === 0) return `No return falls due in ${formatMonth(month)} for ${names}, so there is no file to send.`;
  const maxBytes = services.fileUploads?.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  if (file.bytes.byteLength > maxBytes)
    return `The file of ${formatMonth(month)}'s returns is too large to send through Teams (${file.bytes.byteLength} bytes); use "attendance returns --csv" for each school.`;
  const personal = request.conversation.type === 'personal';
  let chat: ConversationRef;
  try {
    // The tenant may come only in channelData (ConversationInfo reads both); create-conversation needs it.
    const via = {
      ...request.reference,
      conversation: {
        ...request.reference.conversation,
        tenantId: request.reference.conversation.tenantId ?? request.conversation.tenantId,
      },
    };
    chat = personal ? request.reference : await files.openPersonalChat(request.user, via);
  } catch (err) {
    services.log('returns.file.no-personal-chat', { status: statusOf(err), scope: request.conversation.type });
    return statusOf(err) === 403 || statusOf(err) === 404
      ? 'I can only send files in a personal chat, and Teams would not let me open one with you: the attendance app is not installed for you. Add it for yourself (in Teams, Apps, find the attendance app, Add), then ask again.'
      : `I could not open a personal chat with you to send the file (Teams answered ${statusOf(err) || 'nothing'}). Please try again in a few minutes.`;
  }
  const refusedNote =
    scope.refused.length > 0
      ? ` Not included (your role there does not cover returns): ${scope.refused.join(', ')}.`
      : '';
  try {
    await files.offerFile(
      chat,
      {
        name: returnsFileName(scope.schools, month),
        description: `Returns to the local authority for ${formatMonth(month)}: ${names}, ${returnsCount(file.rows)}. It names pupils: keep it where only the people who make returns can open it.`,
        sizeInBytes: file.bytes.byteLength,
        purpose: RETURNS_FILE_PURPOSE,
        context: { month, schools: scope.schools.map((s) => s.urn).join(','), for: userKey(request.user) },
      },
      `${formatMonth(month)}'s returns to the local authority as a file (${names}, ${returnsCount(file.rows)}). Accept it to save it to your OneDrive.${refusedNote}`,
    );
  } catch (err) {
    services.log('returns.file.offer-failed', { status: statusOf(err), scope: request.conversation.type });
    return `I could not send the file to your personal chat (Teams answered ${statusOf(err) || 'nothing'}). Please try again in a few minutes.`;
  }
  services.log('returns.file.offered', {
    schools: scope.schools.length,
    rows: file.rows,
    scope: request.conversation.type,
  });
  return personal
    ? null
    : `I have sent ${formatMonth(month)}'s returns to your personal chat with me as a file: accept it there to save it to your OneDrive. Teams only lets a bot send files in a personal chat, so the file is not posted here.${refusedNote}`;
}

function statusOf(err: unknown): number {
  return err instanceof ProactiveSendError ? err.status : 0;
}

/** The context the offer put on the consent card, as it comes back with the answer. */
const offerContext = z.object({
  purpose: z.literal(RETURNS_FILE_PURPOSE),
  month: z.string().refine(isCalendarMonth),
  schools: z
    .string()
    .min(1)
    .max(20_000)
    .transform((s) => s.split(','))
    .pipe(z.array(z.string().min(1).max(100)).max(1000)),
  for: z.string().min(1).max(200),
});

/** What the person is told when the upload did not go through, in words that say what to do. */
function uploadFailureText(failure: FileUploadFailure, month: string): string {
  const again = `Ask again ("returns for ${formatMonth(month).split(' ')[0]} as a file") to try once more.`;
  switch (failure.kind) {
    case 'timeout':
      return `I could not upload the file: OneDrive did not answer within ${failure.timeoutMs / 1000} seconds, so nothing was saved. ${again}`;
    case 'refused':
      return `I could not upload the file: OneDrive refused it (HTTP ${failure.status}), so nothing was saved. ${again}`;
    case 'unreachable':
      return `I could not upload the file: OneDrive could not be reached, so nothing was saved. ${again}`;
    case 'bad-address':
      return `I did not upload the file: the upload address Teams gave is not one I will send pupils' data to (${failure.detail}). Nothing was sent.`;
    case 'too-large':
    case 'empty':
      return `I did not upload the file: it is not a size Teams can take. Use "attendance returns --csv" instead.`;
  }
}

/**
 * The person's answer to the returns file's consent card. On accept: their role at each school is checked
 * again (a role may have gone since the offer), the file is written afresh from the register, its bytes are
 * put where Teams said, the send is audited per school (who, month, how many returns), and the file is
 * shown in the chat. On decline: nothing is uploaded, and they are told so.
 */
export async function answerReturnsFile(
  services: ReturnsServices,
  turn: FileConsentTurn,
): Promise<'answered' | 'unreadable'> {
  const parsed = offerContext.safeParse(turn.context);
  if (!parsed.success || turn.conversation.type !== 'personal') return 'unreadable';
  const { month, schools: urns, for: offeredTo } = parsed.data;
  const who = userKey(turn.user);
  if (who !== offeredTo) {
    services.log('returns.file.not-theirs', { conversation: turn.conversation.id });
    await turn.reply('This file was offered to someone else. Ask for the returns yourself to get your own copy.');
    return 'answered';
  }
  if (turn.action === 'decline') {
    services.log('returns.file.declined', { schools: urns.length });
    await turn.reply(
      `You declined the file, so nothing was uploaded. Ask again ("returns for ${formatMonth(month).split(' ')[0]} as a file") when you want it.`,
    );
    return 'answered';
  }
  const allowed: SchoolData[] = [];
  const refused: string[] = [];
  for (const urn of urns) {
    const school = services.schools.find((s) => s.urn === urn);
    if (!school) continue;
    const access = await services.access.access(school.urn, turn.user, turn.conversation);
    if (access.role && RETURN_ROLES.has(access.role)) allowed.push(school);
    else refused.push(school.name);
  }
  if (allowed.length === 0) {
    await turn.reply(
      refused.length > 0
        ? `Your role at ${refused.join(', ')} no longer covers returns, so I did not send the file.`
        : 'I no longer hold the schools this file was for, so I did not send it.',
    );
    return 'answered';
  }
  const upload = turn.upload!;
  const file = returnsFile(allowed, month);
  const outcome = await uploadFileBytes(upload.uploadUrl, file.bytes, services.fileUploads);
  if (!outcome.ok) {
    services.log('returns.file.upload-failed', {
      failure: outcome.kind,
      status: outcome.kind === 'refused' ? outcome.status : 0,
      schools: allowed.length,
    });
    await turn.reply(uploadFailureText(outcome, month));
    return 'answered';
  }
  const at = (services.now ?? (() => new Date()))().toISOString();
  for (const school of file.perSchool)
    await services.store.appendAudit({
      at,
      who,
      what: 'returns.file.sent',
      schoolUrn: school.urn,
      detail: { month, rows: school.rows, conversation: turn.conversation.id, fileId: upload.uniqueId.slice(0, 200) },
    });
  services.log('returns.file.sent', { schools: allowed.length, rows: file.rows, bytes: file.bytes.byteLength });
  const names = allowed.map((s) => s.name).join(', ');
  const refusedNote =
    refused.length > 0 ? ` Left out, as your role there no longer covers returns: ${refused.join(', ')}.` : '';
  await turn.replyWithFile(
    { name: upload.name, contentUrl: upload.contentUrl, uniqueId: upload.uniqueId, fileType: upload.fileType },
    `${formatMonth(month)}'s returns to the local authority are in your OneDrive (${names}, ${returnsCount(file.rows)}).${refusedNote}`,
  );
  return 'answered';
}
