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

@Injectable()
export class AuthService {
  private readonly cache = new Map<string, CachedPrincipal>();

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

  private async cached(cacheKey: string, load: (hash: string) => Promise<Principal | null>): Promise<Principal | null> {
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now) return hit.principal;
    const principal = await load(cacheKey.slice(3));
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(cacheKey, { principal, expiresAt: now + CACHE_TTL_MS });
    return principal;
  }
}
