import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../../common/api-error';
import { ROUTE_AUTH, type AuthenticatedRequest, type RouteAuth } from './auth.decorators';
import { AuthService } from './auth.service';
import { bearerSecret } from './credentials';
import { SESSION_COOKIE, SessionService } from './session.service';

const DEFAULT_ROUTE_AUTH: RouteAuth = { kind: 'api-token', role: 'viewer' };

/**
 * Global guard: every route needs an API token (viewer or better) unless it declares otherwise.
 * Ingest keys only ingest, API tokens never ingest: each credential is unknown on the other surface.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const routeAuth =
      this.reflector.getAllAndOverride<RouteAuth | undefined>(ROUTE_AUTH, [context.getHandler(), context.getClass()]) ??
      DEFAULT_ROUTE_AUTH;
    if (routeAuth.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerSecret(request.headers['authorization']);

    if (routeAuth.kind === 'ingest-key') {
      if (!secret) throw unauthenticated('missing ingest key: send "Authorization: Bearer <ingest key>"');
      const principal = await this.auth.verifyIngestKey(secret);
      if (!principal) throw unauthenticated('unknown or revoked ingest key');
      request.principal = principal;
      return true;
    }

    const principal = secret ? await this.auth.verifyApiToken(secret) : await this.sessionPrincipal(request);
    if (!secret && !principal) {
      throw unauthenticated('missing API token: send "Authorization: Bearer <API token>" or sign in');
    }
    if (!principal) {
      const isIngestKey = secret !== undefined && (await this.auth.verifyIngestKey(secret)) !== null;
      throw unauthenticated(
        isIngestKey ? 'an ingest key can only send events; use an API token for /api' : 'unknown or revoked API token',
      );
    }
    if (principal.kind === 'api-token' && routeAuth.role === 'admin' && principal.role !== 'admin') {
      throw forbidden('this route needs an admin token');
    }
    request.principal = principal;
    return true;
  }

  /** A signed-in browser: the session cookie stands for the API token it was opened with. */
  private async sessionPrincipal(request: AuthenticatedRequest) {
    const sessionId = request.cookies?.[SESSION_COOKIE];
    return sessionId ? this.sessions.verify(sessionId) : null;
  }
}
