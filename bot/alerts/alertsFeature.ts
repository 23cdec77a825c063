import { type StateStore } from '../../adapters/store/stateStore.ts';
import { type AccessControl } from '../access/access.ts';
import { type FeatureModule } from '../host/featureHost.ts';
import { type Log } from '../log.ts';
import { type SchoolData } from '../schools/schoolData.ts';
import { ALERT_ACTION_VERB, handleAlertAction } from './alertActions.ts';
import {
  followSchools,
  listAlerts,
  onAlertsInstalled,
  onAlertsUninstalled,
  switchAlerts,
} from './alertConversations.ts';

export interface AlertsServices {
  schools: readonly SchoolData[];
  store: StateStore;
  access: AccessControl;
  log: Log;
  now?: () => Date;
}

/**
 * Alerts as a Teams capability: install and uninstall (references, welcome, auto-bind), the `alerts`,
 * `alerts on|off <kind>` and `follow`/`unfollow` commands, and the buttons on alert cards. Scans and
 * delivery run beside it (alertsRuntime.ts). Routes are anchored and specific, so register this module
 * before the question catch-all.
 */
export function alertsFeature(services: AlertsServices): FeatureModule {
  const s = { ...services, now: services.now ?? (() => new Date()) };
  return {
    name: 'alerts',
    register(host) {
      host.onMessage(/^alerts\s*\??$/i, (turn) => listAlerts(s, turn));
      host.onMessage(/^alerts\s+(on|off)\s+(\S(?:.*\S)?)\s*$/i, (turn, match) =>
        switchAlerts(s, turn, match[1], match[2]),
      );
      // URNs and "all" only, so questions such as "follow up on Amy" still reach the question parser.
      host.onMessage(/^(follow|unfollow)\s+(?:school\s+)?(all|\d{6,7})\s*$/i, (turn, match) =>
        followSchools(s, turn, match[1], match[2]),
      );
      host.onAction(ALERT_ACTION_VERB, (turn) => handleAlertAction(s, turn));
      host.onInstall((event) => onAlertsInstalled(s, event));
      host.onUninstall((event) => onAlertsUninstalled(s, event));
    },
  };
}
