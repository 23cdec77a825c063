import { type BotConfig } from '../config.ts';

/**
 * What the operator reads on stderr at start: the mode and why it was chosen, where the bot listens, which
 * tenants it serves and which store it uses. Local mode is said loudly, because it checks no tokens.
 */
export function startupBanner(config: BotConfig, where: { host: string; port: number; store: string }): string {
  const tenants =
    config.allowedTenants.length === 0
      ? 'any (no tenant check: set ALLOWED_TENANT_IDS to add one)'
      : config.allowedTenants.join(', ');
  const lines = config.localMode
    ? [
        '',
        `*** LOCAL MODE (${config.modeReason}): incoming requests are NOT authenticated. ***`,
        '*** Use this only with the Agents Playground or tests, never on a reachable address. ***',
        config.defaultRole ? `*** Everyone without a role assignment is treated as: ${config.defaultRole}.` : '',
      ]
    : ['', `Teams mode (${config.modeReason}): every request's token is checked for app ${config.appId}.`];
  lines.push(
    `Listening on ${where.host}:${where.port}${config.localMode && where.host === '127.0.0.1' ? ' (loopback only; set HOST to listen elsewhere)' : ''}.`,
    `Tenants served: ${tenants}.`,
    `Store: ${where.store}.`,
    '',
  );
  return lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n');
}
