import {
  type ConversationBinding,
  type ConversationRecord,
  type PrivacyLevel,
  type Subscription,
} from '../../adapters/store/stateStore.ts';
import { type Finding, formatShortDate, type PolicyProfile } from '../../rules/index.ts';
import { type AlertCardModel, type AlertRow } from '../../cards/alerts/alertCardModel.ts';
import { alertKey, deliveryKey, stableCardId } from './alertKeys.ts';
import { ALERT_KIND_NAMES, alertKindOf, LA_FACING_KINDS, type AlertKind } from './alertKinds.ts';
import { alertStepsFor, rowActionsFor } from './alertSteps.ts';

/** A conversation that hears a school's alerts, and which ones. */
export interface AlertAudience {
  conversationId: string;
  tenantId?: string;
  privacy: PrivacyLevel;
  audience: 'school' | 'la';
  kinds: AlertKind[];
}

/**
 * Who hears a school's alerts: every installed conversation bound to it (all kinds it has not switched
 * off, at its privacy level) and every LA officer following it or following all schools (the LA-facing
 * kinds, in their personal chat). Conversations no longer installed hear nothing.
 */
export function audiencesForSchool(
  schoolUrn: string,
  bindings: readonly ConversationBinding[],
  subscriptions: readonly Subscription[],
  conversations: readonly ConversationRecord[],
): AlertAudience[] {
  const installed = new Map(conversations.map((c) => [c.conversationId, c]));
  const out: AlertAudience[] = [];
  for (const b of bindings) {
    const conversation = installed.get(b.conversationId);
    if (b.schoolUrn !== schoolUrn || !conversation) continue;
    const kinds = ALERT_KIND_NAMES.filter((k) => !b.alertsOff.includes(k));
    if (kinds.length > 0)
      out.push({
        conversationId: b.conversationId,
        tenantId: conversation.tenantId,
        privacy: b.privacy,
        audience: 'school',
        kinds,
      });
  }
  for (const s of subscriptions) {
    const conversation = installed.get(s.conversationId);
    if (!conversation || (s.schools !== 'all' && !s.schools.includes(schoolUrn))) continue;
    out.push({
      conversationId: s.conversationId,
      tenantId: conversation.tenantId,
      privacy: 'limited',
      audience: 'la',
      kinds: [...LA_FACING_KINDS],
    });
  }
  return out;
}

export interface AlertPlanInput {
  school: { urn: string; name: string; policy: PolicyProfile };
  asOf: string;
  findings: readonly Finding[];
  audiences: readonly AlertAudience[];
  /** Delivery keys (alert key @ conversation) already queued or sent. */
  delivered: ReadonlySet<string>;
  /** Alert keys someone has acted on: never raised again. */
  acknowledged: ReadonlySet<string>;
  /** Most digest rows on one card. */
  rowsPerCard?: number;
  /**
   * Whether a card drawn from this model stays within Teams' limits (28 KB). Digest rows are added to a
   * card while it fits, so a day of long rows splits into more parts rather than failing to send.
   */
  fits?: (model: AlertCardModel) => boolean;
}

/** A card to queue for one conversation, with the delivery keys that enqueueing it records. */
export interface PlannedAlert {
  model: AlertCardModel;
  deliveryKeys: string[];
  tenantId?: string;
}

/** Every alert key a plan for these findings could need, so the caller can look them up in one go. */
export function candidateKeys(
  schoolUrn: string,
  findings: readonly Finding[],
  audiences: readonly AlertAudience[],
): { alertKeys: string[]; deliveryKeys: string[] } {
  const alertKeys = findings.filter((f) => alertKindOf(f.rule)).map((f) => alertKey(schoolUrn, f));
  return { alertKeys, deliveryKeys: audiences.flatMap((a) => alertKeys.map((k) => deliveryKey(k, a.conversationId))) };
}

const YEAR_ORDER = (y: string) => (y === 'N1' ? -3 : y === 'N2' ? -2 : y === 'R' ? -1 : Number(y) || 99);

function rowsFor(
  schoolUrn: string,
  findings: readonly Finding[],
  policy: PolicyProfile,
  privacy: PrivacyLevel,
): AlertRow[] {
  const byPupil = new Map<string, Finding[]>();
  for (const f of findings) byPupil.set(f.upn, [...(byPupil.get(f.upn) ?? []), f]);
  return [...byPupil.values()]
    .map((fs) => ({
      upn: fs[0].upn,
      pupilName: fs[0].pupilName,
      yearGroup: fs[0].yearGroup,
      alertKeys: fs.map((f) => alertKey(schoolUrn, f)),
      steps: fs.flatMap((f) => alertStepsFor(f, policy, privacy)),
      actions: rowActionsFor(fs),
      done: [],
    }))
    .sort(
      (a, b) =>
        YEAR_ORDER(a.yearGroup) - YEAR_ORDER(b.yearGroup) ||
        a.pupilName.localeCompare(b.pupilName) ||
        a.upn.localeCompare(b.upn),
    );
}

function titleOf(
  kind: AlertKind,
  audience: 'school' | 'la',
  schoolName: string,
  asOf: string,
): { title: string; intro: string } {
  const day = formatShortDate(asOf);
  switch (kind) {
    case 'unexplained':
      return {
        title: `Unexplained absence at ${schoolName}, ${day}`,
        intro:
          'Pupils with no reason yet for absence (N), day-3 follow-ups and N codes left too long. Act on each today.',
      };
    case 'sickness-return':
      return {
        title: audience === 'la' ? `Sickness return owed by ${schoolName}` : `Sickness return due, ${schoolName}`,
        intro:
          audience === 'la'
            ? 'The school is due to notify you: 15 school days of illness this year.'
            : 'Illness has reached 15 school days this year: the local authority needs a sickness return.',
      };
    case 'continuous-absence':
      return {
        title: `Continuous absence at ${schoolName}`,
        intro: 'Child-missing-education risk: make reasonable enquiries, jointly with the local authority.',
      };
    case 'part-time-timetable':
      return {
        title: `Part-time timetables to review at ${schoolName}`,
        intro:
          'A part-time timetable should last only as long as it must: each of these is overdue a review with the pupil and parents, or past its end date.',
      };
    case 'penalty-threshold':
      return {
        title: `Penalty threshold reached at ${schoolName}`,
        intro:
          'Support comes first. This is the point to consider the next step the policy names, not an automatic penalty.',
      };
  }
}

/**
 * Plans the cards a scan sends, purely from findings and what was already raised: one unexplained-absence
 * digest per conversation per scan (split into parts only to keep each card small), and one card per pupil
 * for the other kinds. Only findings not yet delivered to that conversation and not acted on appear, so a
 * scan that finds nothing new plans nothing.
 */
export function planAlerts(input: AlertPlanInput): PlannedAlert[] {
  const { school, asOf } = input;
  const rowsPerCard = input.rowsPerCard ?? 10;
  const planned: PlannedAlert[] = [];
  const taken = new Set(input.delivered);
  for (const audience of input.audiences) {
    for (const kind of audience.kinds) {
      const fresh = input.findings.filter((f) => {
        if (alertKindOf(f.rule) !== kind) return false;
        const key = alertKey(school.urn, f);
        return !input.acknowledged.has(key) && !taken.has(deliveryKey(key, audience.conversationId));
      });
      if (fresh.length === 0) continue;
      const rows = rowsFor(school.urn, fresh, school.policy, audience.privacy);
      const { title, intro } = titleOf(kind, audience.audience, school.name, asOf);
      const modelOf = (group: AlertRow[], part?: { n: number; of: number }): AlertCardModel => {
        const deliveryKeys = group.flatMap((r) => r.alertKeys.map((k) => deliveryKey(k, audience.conversationId)));
        return {
          cardId: stableCardId([audience.conversationId, kind, ...deliveryKeys.sort()]),
          kind,
          audience: audience.audience,
          privacy: audience.privacy,
          conversationId: audience.conversationId,
          schoolUrn: school.urn,
          schoolName: school.name,
          asOf,
          policyName: school.policy.name,
          title,
          intro,
          rows: group,
          ...(part ? { part } : {}),
        };
      };
      const fits = input.fits ?? (() => true);
      // "Part 10 of 10" is the longest part label a card will carry, so a group that fits with it fits.
      const groups =
        kind === 'unexplained'
          ? chunkWhile(rows, rowsPerCard, (group) => fits(modelOf(group, { n: 10, of: 10 })))
          : rows.map((r) => [r]);
      groups.forEach((group, i) => {
        const model = modelOf(group, groups.length > 1 ? { n: i + 1, of: groups.length } : undefined);
        const deliveryKeys = group.flatMap((r) => r.alertKeys.map((k) => deliveryKey(k, audience.conversationId)));
        for (const k of deliveryKeys) taken.add(k);
        planned.push({ tenantId: audience.tenantId, deliveryKeys, model });
      });
    }
  }
  return planned;
}

/**
 * Consecutive groups of at most `max` items, each as large as `fits` allows (a lone item always goes).
 * Tries the largest group first, so a day of ordinary rows costs one check per card.
 */
function chunkWhile<T>(items: readonly T[], max: number, fits: (group: T[]) => boolean): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length;) {
    let size = Math.min(max, items.length - start);
    while (size > 1 && !fits(items.slice(start, start + size))) size--;
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}
