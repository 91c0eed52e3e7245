import { createHash } from 'node:crypto';

/**
 * A UUID (version 4 layout) derived from SHA-256 of `parts.join(':')`: the same inputs always give the
 * same id, so an event emitted twice — by the hook and again by a backfill — is one event to the collector.
 * The version and variant bits are set because the contract accepts only v4 and v7 UUIDs.
 */
export function stableUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join(':')).digest().subarray(0, 16);
  bytes.writeUInt8(0x40 | (bytes.readUInt8(6) & 0x0f), 6);
  bytes.writeUInt8(0x80 | (bytes.readUInt8(8) & 0x3f), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The event id of a commit: stable per (repo, sha). */
export function commitEventId(repo: string, sha: string): string {
  return stableUuid(repo, sha.toLowerCase());
}
