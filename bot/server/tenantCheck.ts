/**
 * Whether an activity's tenant is one this deployment serves. Teams puts the tenant in
 * `conversation.tenantId` and `channelData.tenant.id`; every id present must be allowed and at least one must
 * be present, so an activity cannot pass by leaving the tenant out or by naming two. An empty allowed list
 * (local mode without ALLOWED_TENANT_IDS) checks nothing.
 */
export function tenantAllowed(allowed: readonly string[], presented: readonly (string | undefined)[]): boolean {
  if (allowed.length === 0) return true;
  const ids = presented.filter((t): t is string => typeof t === 'string' && t !== '').map((t) => t.toLowerCase());
  return ids.length > 0 && ids.every((t) => allowed.includes(t));
}
