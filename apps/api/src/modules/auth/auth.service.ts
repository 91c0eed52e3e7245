import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { ApiTokenEntity, type ApiRole } from './api-token.entity';
import type { Principal } from './auth.decorators';
import { API_TOKEN_PREFIX, INGEST_KEY_PREFIX, displayPrefix, generateSecret, hashSecret } from './credentials';
import { IngestKeyEntity } from './ingest-key.entity';

type CachedPrincipal = { principal: Principal | null; expiresAt: number };

/** Short, because a revoked credential elsewhere (CLI, another replica) stops working within this time. */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;

export type CreatedSecret = { id: string; secret: string; prefix: string };

/** A credential as an admin sees it in a list: how to recognise it, never the secret. */
export type ApiTokenView = { id: string; name: string; role: ApiRole; prefix: string; createdAt: string; revokedAt: string | null };
export type IngestKeyView = Omit<ApiTokenView, 'role'>;

const apiTokenView = (token: ApiTokenEntity): ApiTokenView => ({
  id: token.id,
  name: token.name,
  role: token.role,
  prefix: token.tokenPrefix,
  createdAt: token.createdAt.toISOString(),
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

const ingestKeyView = (key: IngestKeyEntity): IngestKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.keyPrefix,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

@Injectable()
export class AuthService {
  private readonly cache = new Map<string, CachedPrincipal>();
  /** Counts revocations in this process, so a lookup that overlapped one is not cached. */
  private revocations = 0;

  constructor(
    @InjectRepository(ApiTokenEntity) private readonly apiTokens: Repository<ApiTokenEntity>,
    @InjectRepository(IngestKeyEntity) private readonly ingestKeys: Repository<IngestKeyEntity>,
  ) {}

  /** The org and role behind an API token, or null when the token is unknown or revoked. */
  async verifyApiToken(secret: string): Promise<Principal | null> {
    return this.cached(`at:${hashSecret(secret)}`, async (tokenHash) => {
      const token = await this.apiTokens.findOneBy({ tokenHash, revokedAt: IsNull() });
      return token ? { kind: 'api-token', orgId: token.orgId, tokenId: token.id, role: token.role } : null;
    });
  }

  /** The org behind an ingest key, or null when the key is unknown or revoked. */
  async verifyIngestKey(secret: string): Promise<Principal | null> {
    return this.cached(`ik:${hashSecret(secret)}`, async (keyHash) => {
      const key = await this.ingestKeys.findOneBy({ keyHash, revokedAt: IsNull() });
      return key ? { kind: 'ingest-key', orgId: key.orgId, keyId: key.id } : null;
    });
  }

  async createApiToken(args: { orgId: string; name: string; role: ApiRole; secret?: string }): Promise<CreatedSecret> {
    const secret = args.secret ?? generateSecret(API_TOKEN_PREFIX);
    const token = this.apiTokens.create({
      id: randomUUID(),
      orgId: args.orgId,
      name: args.name,
      role: args.role,
      tokenHash: hashSecret(secret),
      tokenPrefix: displayPrefix(secret),
      revokedAt: null,
    });
    await this.apiTokens.insert(token);
    return { id: token.id, secret, prefix: token.tokenPrefix };
  }

  async createIngestKey(args: { orgId: string; name: string; secret?: string }): Promise<CreatedSecret> {
    const secret = args.secret ?? generateSecret(INGEST_KEY_PREFIX);
    const key = this.ingestKeys.create({
      id: randomUUID(),
      orgId: args.orgId,
      name: args.name,
      keyHash: hashSecret(secret),
      keyPrefix: displayPrefix(secret),
      revokedAt: null,
    });
    await this.ingestKeys.insert(key);
    return { id: key.id, secret, prefix: key.keyPrefix };
  }

  /** Every API token of the org, newest first, revoked ones included; never the secret or its hash. */
  async listApiTokens(orgId: string): Promise<ApiTokenView[]> {
    const tokens = await this.apiTokens.find({ where: { orgId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return tokens.map(apiTokenView);
  }

  async getApiToken(orgId: string, id: string): Promise<ApiTokenView | null> {
    const token = await this.apiTokens.findOneBy({ orgId, id });
    return token ? apiTokenView(token) : null;
  }

  /** Every ingest key of the org, newest first, revoked ones included; never the secret or its hash. */
  async listIngestKeys(orgId: string): Promise<IngestKeyView[]> {
    const keys = await this.ingestKeys.find({ where: { orgId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return keys.map(ingestKeyView);
  }

  async getIngestKey(orgId: string, id: string): Promise<IngestKeyView | null> {
    const key = await this.ingestKeys.findOneBy({ orgId, id });
    return key ? ingestKeyView(key) : null;
  }

  /**
   * Revokes an API token of the org: 'not-found' when the org has no such token (another org's included).
   * Revoking twice keeps the first revocation time. This process forgets the token at once; other
   * processes (replicas, a CLI) within the cache TTL.
   */
  async revokeApiToken(orgId: string, id: string, now: Date = new Date()): Promise<'revoked' | 'not-found'> {
    const token = await this.apiTokens.findOneBy({ orgId, id });
    if (!token) return 'not-found';
    if (token.revokedAt === null) await this.apiTokens.update({ orgId, id }, { revokedAt: now });
    this.revocations += 1;
    this.cache.delete(`at:${token.tokenHash}`);
    return 'revoked';
  }

  /** Revokes an ingest key of the org; same rules as revokeApiToken. */
  async revokeIngestKey(orgId: string, id: string, now: Date = new Date()): Promise<'revoked' | 'not-found'> {
    const key = await this.ingestKeys.findOneBy({ orgId, id });
    if (!key) return 'not-found';
    if (key.revokedAt === null) await this.ingestKeys.update({ orgId, id }, { revokedAt: now });
    this.revocations += 1;
    this.cache.delete(`ik:${key.keyHash}`);
    return 'revoked';
  }

  private async cached(cacheKey: string, load: (hash: string) => Promise<Principal | null>): Promise<Principal | null> {
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now) return hit.principal;
    const revocations = this.revocations;
    const principal = await load(cacheKey.slice(3));
    // A revocation while this lookup ran may have read the credential before it was revoked: do not keep that.
    if (revocations !== this.revocations) return principal;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(cacheKey, { principal, expiresAt: now + CACHE_TTL_MS });
    return principal;
  }
}
