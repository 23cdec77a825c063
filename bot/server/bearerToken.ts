import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares the presented bearer token with the configured one in constant time (hashes equalise lengths). */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented || token === '') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}
