/** At most `count` sends in any `windowMs`. */
export interface RateWindow {
  count: number;
  windowMs: number;
}

/**
 * Teams' documented limits for a bot: per conversation 7 sends a second, 60 per 30 seconds and 1,800 an
 * hour; per app per tenant 50 requests a second. Going over them earns 429s, so the sender stays under.
 */
export interface PacingLimits {
  perConversation: RateWindow[];
  perTenant: RateWindow[];
}

export const TEAMS_PACING_LIMITS: PacingLimits = {
  perConversation: [
    { count: 7, windowMs: 1_000 },
    { count: 60, windowMs: 30_000 },
    { count: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ count: 50, windowMs: 1_000 }],
};
