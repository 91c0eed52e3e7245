import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config/config';
import { SecretKeyMissingError } from './webhooks.exception';

const SEALED_VERSION = 'v1';

/**
 * The master key of stored secrets: UPLIFT_SECRET_KEY, or in standalone mode `<UPLIFT_DATA_DIR>/secret.key`,
 * generated (mode 0600) on first use. Distributed deployments must set it: every replica needs the same key.
 */
export function resolveMasterKey(config: Pick<AppConfig, 'secretKey' | 'clickhouse' | 'dataDir'>): string {
  if (config.secretKey) return config.secretKey;
  if (config.clickhouse.kind !== 'embedded') throw new SecretKeyMissingError();
  const file = path.join(config.dataDir, 'secret.key');
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** AES-256-GCM with a key derived (HKDF-SHA256) from the master key; each value gets its own random IV. */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, 'uplift', 'uplift/webhook-secrets/v1', 32));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [SEALED_VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws when the value was sealed under another key or altered (GCM authenticates it). */
  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** Constant-time equality of two strings of any length (both are hashed first, so lengths leak nothing). */
export function constantTimeEqual(left: string, right: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(left), digest(right));
}

/** `sha256=<hex>` of the body, as GitHub (X-Hub-Signature-256) and Jira (X-Hub-Signature) sign it. */
export function hmacSha256Signature(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifyHmacSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  return constantTimeEqual(hmacSha256Signature(secret, body), header.trim().toLowerCase());
}

/**
 * A UUID in the version-4 layout from SHA-256 of the parts: the same natural key (provider, repo, PR number,
 * action…) always gives the same event id, so a redelivered webhook counts once.
 */
export function deterministicUuid(...parts: (string | number)[]): string {
  const bytes = createHash('sha256').update(parts.map(String).join('\u0000')).digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x40, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new webhook secret: 256 random bits. */
export function newWebhookSecret(): string {
  return `upl_wh_${randomBytes(32).toString('hex')}`;
}
