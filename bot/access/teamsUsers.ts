import { type StateStore, VersionConflictError } from '../../adapters/store/stateStore.ts';
import { StoreUnavailableError } from '../../adapters/store/storeUnavailableError.ts';
import { type UserInfo } from '../host/featureHost.ts';
import { ALL_SCHOOLS, hasFullViewRole } from './access.ts';

/** Store namespace mapping an Entra object id to the Teams user id (29:...) that card refreshes name. */
export const TEAMS_USERS_NAMESPACE = 'teams-users';
const NAMESPACE = TEAMS_USERS_NAMESPACE;

/** Teams refreshes a card automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

interface TeamsUserRecord {
  userId: string;
}

/**
 * Remembers which Teams user id belongs to an Entra object id, so a card can later list the people
 * entitled to a fuller view in `refresh.userIds` (roles are assigned by object id; refresh wants the Teams
 * id). Written only when new or changed, so a normal message costs one read.
 */
export async function rememberTeamsUser(store: StateStore, user: UserInfo): Promise<void> {
  if (!user.aadObjectId || !user.id) return;
  try {
    const current = await store.getRecord<TeamsUserRecord>(NAMESPACE, user.aadObjectId);
    if (current?.value.userId === user.id) return;
    await store.putRecord<TeamsUserRecord>(
      NAMESPACE,
      user.aadObjectId,
      { userId: user.id },
      current ? current.version : null,
    );
  } catch (err) {
    // Someone else wrote the same mapping at the same moment: theirs is as good as ours. With the store
    // away, the mapping waits for the person's next message: it only widens later card refreshes.
    if (!(err instanceof VersionConflictError) && !(err instanceof StoreUnavailableError)) throw err;
  }
}

/** Teams user ids of the people whose role at the school allows the full view, as far as the bot has met them. */
export async function fullViewUserIds(store: StateStore, schoolUrn: string): Promise<string[]> {
  const assignments = [...(await store.listRoles(schoolUrn)), ...(await store.listRoles(ALL_SCHOOLS))].filter((a) =>
    hasFullViewRole(a.role),
  );
  const ids: string[] = [];
  for (const aad of new Set(assignments.map((a) => a.userId))) {
    const record = await store.getRecord<TeamsUserRecord>(NAMESPACE, aad);
    if (record) ids.push(record.value.userId);
    if (ids.length === MAX_REFRESH_USERS) break;
  }
  return ids;
}
