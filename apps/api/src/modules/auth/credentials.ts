import { createHash, randomBytes } from 'node:crypto';

/** API tokens and ingest keys look different so a leaked one is recognisable (and scanners can match them). */
export const API_TOKEN_PREFIX = 'upl_at_';
export const INGEST_KEY_PREFIX = 'upl_ik_';

export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Secrets are 256-bit random values, so a single SHA-256 is the right hash: there is nothing to
 * brute-force, and a lookup by hash stays O(1) on every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, 12);
}

/** Reads `Authorization: Bearer <secret>`; undefined when absent or malformed. */
export function bearerSecret(authorization: string | string[] | undefined): string | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
