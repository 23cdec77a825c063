import { createHmac, generateKeyPairSync, sign } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Claims a Bot Framework channel token would carry for `appId`, valid now. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...overrides,
  };
}

/** A compact JWT with the given header, claims and signature function. */
export function jwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signWith: (data: string) => Buffer | string,
): string {
  const data = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${data}.${base64url(signWith(data))}`;
}

/**
 * Tokens an attacker can make without the channel's private key, each as an Authorization header: `alg`
 * none, HS256 keyed with a public key, RS256 signed with a key of their own under a made-up or guessed key
 * id, and claims that should never pass (not yet valid, expired, another audience).
 */
export function forgedTokens(appId: string, trustedKid = 'trusted-key', publicKeyPem?: string): string[] {
  const serviceUrl = 'https://smba.trafficmanager.net/uk/';
  const claims = channelClaims(appId, serviceUrl);
  const own = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKeyPem ?? own.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const rs256 = (data: string) => sign('sha256', Buffer.from(data), own.privateKey);
  const tokens = [
    jwt({ alg: 'none', typ: 'JWT', kid: trustedKid }, claims, () => ''),
    jwt({ alg: 'HS256', typ: 'JWT', kid: trustedKid }, claims, (d) => createHmac('sha256', pem).update(d).digest()),
    jwt({ alg: 'RS256', typ: 'JWT', kid: trustedKid }, claims, rs256),
    jwt({ alg: 'RS256', typ: 'JWT', kid: 'made-up' }, claims, rs256),
    jwt(
      { alg: 'RS256', typ: 'JWT', kid: trustedKid },
      channelClaims(appId, serviceUrl, { aud: 'someone-else' }),
      rs256,
    ),
  ];
  return tokens.map((t) => `Bearer ${t}`);
}
