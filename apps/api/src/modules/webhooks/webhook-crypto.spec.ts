import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, constantTimeEqual, deterministicUuid, hmacSha256Signature, resolveMasterKey, verifyHmacSignature } from './webhook-crypto';
import { normalizeTime } from './webhook-mapping';

describe('webhook crypto', () => {
  it('seals with AES-256-GCM: round trip, random IV, tamper and wrong key detected', () => {
    const box = new SecretBox('k'.repeat(40));
    const sealed = box.seal('upl_wh_secret');
    expect(sealed).not.toContain('upl_wh_secret');
    expect(box.seal('upl_wh_secret')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('upl_wh_secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('x'.repeat(40)).open(sealed)).toThrow();
  });

  it('generates the standalone key file once, mode 0600; requires the variable with a ClickHouse server', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'uplift-secret-'));
    try {
      const config = { secretKey: undefined, dataDir, clickhouse: { kind: 'embedded' as const, dataDir } };
      const key = resolveMasterKey(config);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(resolveMasterKey(config)).toBe(key);
      expect(readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim()).toBe(key);
      expect(statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(resolveMasterKey({ ...config, secretKey: 'from-the-environment-0123456789abcdef' })).toBe('from-the-environment-0123456789abcdef');
      expect(() => resolveMasterKey({ ...config, clickhouse: { kind: 'server', url: 'http://ch:8123', database: 'default' } })).toThrow(/UPLIFT_SECRET_KEY: must be set/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('verifies sha256 HMAC signatures and compares in constant time', () => {
    const body = Buffer.from('{"zen":"Design for failure."}');
    const signature = hmacSha256Signature('s3cret', body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyHmacSignature('s3cret', body, signature)).toBe(true);
    expect(verifyHmacSignature('s3cret', body, signature.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
    expect(verifyHmacSignature('other', body, signature)).toBe(false);
    expect(verifyHmacSignature('s3cret', body, undefined)).toBe(false);
    expect(constantTimeEqual('a', 'a')).toBe(true);
    expect(constantTimeEqual('a', 'ab')).toBe(false);
  });

  it('derives stable version-4-layout UUIDs', () => {
    const id = deterministicUuid('github', 'acme/shop', 'pr', 7, 'merged');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('github', 'acme/shop', 'pr', 7, 'merged')).toBe(id);
    expect(deterministicUuid('github', 'acme/shop', 'pr', 7, 'closed')).not.toBe(id);
  });

  it('normalizes the providers\' timestamp formats', () => {
    expect(normalizeTime('2019-05-15T15:20:33Z')).toBe('2019-05-15T15:20:33.000Z');
    expect(normalizeTime('2013-12-03 17:23:34 UTC')).toBe('2013-12-03T17:23:34.000Z');
    expect(normalizeTime('2021-04-28 21:50:00 +0200')).toBe('2021-04-28T19:50:00.000Z');
    expect(normalizeTime('2024-03-12T10:15:30.000+0000')).toBe('2024-03-12T10:15:30.000Z');
    expect(normalizeTime(1710238530000)).toBe('2024-03-12T10:15:30.000Z');
    expect(normalizeTime('yesterday')).toBeUndefined();
    expect(normalizeTime(null)).toBeUndefined();
  });
});
