/** What went wrong talking to Wonde, in words an operator can act on. Messages carry ids, never pupils' details. */
export class WondeError extends Error {
  constructor(
    message: string,
    /** What kind of failure: for logs and exit codes. */
    readonly kind: 'token' | 'access' | 'not-found' | 'unavailable' | 'response' | 'address',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WondeError';
  }
}

/** 401: Wonde does not accept the token at all. */
export function tokenRefused(status: number): WondeError {
  return new WondeError(
    `Wonde refused the token (${status}): check WONDE_TOKEN is the API token from Wonde's dashboard for this app`,
    'token',
    status,
  );
}

/**
 * 403 on a school's data: the token is good but this school's data is not open to it, which is what a
 * school that has not approved the app, or has revoked its approval, looks like.
 */
export function schoolAccessRefused(schoolId: string, status: number): WondeError {
  return new WondeError(
    `Wonde refused access to school ${schoolId} (${status}): the school has not approved this app or has revoked its access; ask the school to approve it in Wonde, or stop following it`,
    'access',
    status,
  );
}
