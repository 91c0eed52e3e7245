import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, LessThan, Repository } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';
import type { Principal } from './auth.decorators';
import { hashSecret } from './credentials';
import { SessionEntity } from './session.entity';

export const SESSION_COOKIE = 'uplift_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(ApiTokenEntity) private readonly apiTokens: Repository<ApiTokenEntity>,
  ) {}

  /** Opens a session for a verified API token; returns the cookie value (shown once, stored hashed). */
  async open(tokenId: string, now: Date = new Date()): Promise<{ sessionId: string; expiresAt: Date }> {
    await this.sessions.delete({ expiresAt: LessThan(now) });
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.sessions.insert({ sessionHash: hashSecret(sessionId), tokenId, createdAt: now, expiresAt });
    return { sessionId, expiresAt };
  }

  /** The principal of a live session whose token is still valid, else null. */
  async verify(sessionId: string, now: Date = new Date()): Promise<Principal | null> {
    const session = await this.sessions.findOneBy({ sessionHash: hashSecret(sessionId) });
    if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
    const token = await this.apiTokens.findOneBy({ id: session.tokenId, revokedAt: IsNull() });
    return token ? { kind: 'api-token', orgId: token.orgId, tokenId: token.id, role: token.role } : null;
  }

  async close(sessionId: string): Promise<void> {
    await this.sessions.delete({ sessionHash: hashSecret(sessionId) });
  }
}
