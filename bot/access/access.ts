import { type PrivacyLevel, type SchoolRole, type StateStore } from '../../adapters/store/stateStore.ts';
import { type ConversationInfo, type UserInfo } from '../host/featureHost.ts';

/** Role assignments keyed on this school id apply to every school (LA officers). */
export const ALL_SCHOOLS = '*';

/** Roles that may see the full view (context flags, safeguarding detail) in a personal chat. */
const FULL_VIEW_ROLES: ReadonlySet<SchoolRole> = new Set([
  'attendance-lead',
  'designated-safeguarding-lead',
  'head',
  'la-officer',
]);
/** Roles that may mark a channel as the school's safeguarding channel (full view for everyone in it). */
const PRIVACY_ADMIN_ROLES: ReadonlySet<SchoolRole> = new Set(['designated-safeguarding-lead', 'head']);
/** Roles that may bind a conversation to their school. */
const LINK_ROLES: ReadonlySet<SchoolRole> = new Set([
  'attendance-lead',
  'designated-safeguarding-lead',
  'head',
  'la-officer',
]);

/** True for the roles that may see context flags and safeguarding detail (on their own screen). */
export function hasFullViewRole(role: SchoolRole | null): boolean {
  return role !== null && FULL_VIEW_ROLES.has(role);
}

/** The key role assignments and audit records use: the Entra object id when Teams gives it. */
export function userKey(user: UserInfo): string {
  return user.aadObjectId ?? user.id;
}

/** What one person may do and see in one conversation about one school, worked out per query and action. */
export interface Access {
  role: SchoolRole | null;
  privacy: PrivacyLevel;
  canQuery: boolean;
  canLink: boolean;
  canSetPrivacy: boolean;
}

/**
 * Checks roles in the store (a school's assignment first, then an all-schools one, then the configured
 * default) and the conversation's privacy level. Called on every query and action, never cached across
 * turns, so revoking a role takes effect on the next message.
 */
export class AccessControl {
  constructor(
    private readonly store: StateStore,
    private readonly defaultRole?: SchoolRole,
  ) {}

  async roleOf(schoolUrn: string, user: UserInfo): Promise<SchoolRole | null> {
    const key = userKey(user);
    return (
      (await this.store.getRole(schoolUrn, key)) ??
      (await this.store.getRole(ALL_SCHOOLS, key)) ??
      this.defaultRole ??
      null
    );
  }

  /** True for an LA officer assigned across all schools (may ask about any school from a personal chat). */
  async isCrossSchoolOfficer(user: UserInfo): Promise<boolean> {
    const role = (await this.store.getRole(ALL_SCHOOLS, userKey(user))) ?? this.defaultRole ?? null;
    return role === 'la-officer';
  }

  async access(schoolUrn: string, user: UserInfo, conversation: ConversationInfo): Promise<Access> {
    const role = await this.roleOf(schoolUrn, user);
    let privacy: PrivacyLevel = 'limited';
    if (conversation.type === 'personal') privacy = role && FULL_VIEW_ROLES.has(role) ? 'full' : 'limited';
    else {
      const binding = await this.store.getBinding(conversation.id);
      // A safeguarding channel shows full detail to everyone in it, so only counts for the school it is bound to.
      if (binding?.schoolUrn === schoolUrn && binding.privacy === 'full') privacy = 'full';
    }
    return {
      role,
      privacy,
      canQuery: role !== null,
      canLink: role !== null && LINK_ROLES.has(role),
      canSetPrivacy: role !== null && PRIVACY_ADMIN_ROLES.has(role),
    };
  }
}
