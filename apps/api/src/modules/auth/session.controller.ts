import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { invalidRequest, unauthenticated } from '../../common/api-error';
import { OrgsService } from '../orgs/orgs.service';
import { CurrentPrincipal, Public, type Principal } from './auth.decorators';
import { AuthService } from './auth.service';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionService } from './session.service';

type CookieReply = {
  setCookie: (name: string, value: string, options: Record<string, unknown>) => CookieReply;
  clearCookie: (name: string, options: Record<string, unknown>) => CookieReply;
};
type CookieRequest = { cookies?: Record<string, string | undefined>; protocol?: string };

export type SessionView = { org: { id: string; name: string; slug: string; timeZone: string }; role: string };

const COOKIE_OPTIONS = { path: '/', httpOnly: true, sameSite: 'strict' } as const;

/** Token sign-in for the dashboard: the browser keeps a session cookie instead of the token. */
@Controller('api/v1/session')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly orgs: OrgsService,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  async signIn(
    @Body() body: unknown,
    @Req() request: CookieRequest,
    @Res({ passthrough: true }) reply: CookieReply,
  ): Promise<SessionView> {
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['token'] : undefined;
    if (typeof token !== 'string' || token.trim() === '') throw invalidRequest('send { "token": "<API token>" }', { path: 'token' });
    const principal = await this.auth.verifyApiToken(token.trim());
    if (!principal || principal.kind !== 'api-token') throw unauthenticated('unknown or revoked API token');
    const session = await this.sessions.open(principal.tokenId);
    reply.setCookie(SESSION_COOKIE, session.sessionId, {
      ...COOKIE_OPTIONS,
      secure: request.protocol === 'https',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return this.view(principal);
  }

  @Get()
  async current(@CurrentPrincipal() principal: Principal): Promise<SessionView> {
    return this.view(principal);
  }

  @Delete()
  @Public()
  @HttpCode(204)
  async signOut(@Req() request: CookieRequest, @Res({ passthrough: true }) reply: CookieReply): Promise<void> {
    const sessionId = request.cookies?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.close(sessionId);
    reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  }

  private async view(principal: Principal): Promise<SessionView> {
    const org = await this.orgs.getById(principal.orgId);
    return {
      org: { id: org.id, name: org.name, slug: org.slug, timeZone: org.timeZone },
      role: principal.kind === 'api-token' ? principal.role : 'ingest',
    };
  }
}
