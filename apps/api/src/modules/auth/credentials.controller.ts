import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from '../../common/api-error';
import { parseBody } from '../../common/validation';
import { API_ROLES, type ApiRole } from './api-token.entity';
import { CurrentPrincipal, RequireRole, type Principal } from './auth.decorators';
import { AuthService, type ApiTokenView, type IngestKeyView } from './auth.service';

const name = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const createApiTokenDto = z.strictObject({
  name,
  role: z.enum(API_ROLES as [ApiRole, ...ApiRole[]], { error: `must be one of ${API_ROLES.join(', ')}` }),
});
const createIngestKeyDto = z.strictObject({ name });

/** A newly created credential: the only answer that ever carries the secret. */
export type Created<View> = View & { secret: string };

const notFound = (what: 'apiToken' | 'ingestKey', id: string) =>
  new ApiError(404, 'NOT_FOUND', `no ${what === 'apiToken' ? 'API token' : 'ingest key'} "${id}" in this org`, { [what]: id });

/**
 * Admins manage their org's API tokens and ingest keys. The org is always the caller's; another org's
 * credential is "not found". Lists show a prefix to recognise a credential by, never the secret (only its
 * hash is stored). The token of the caller's own request or session cannot be revoked here (409): that
 * would sign the admin out mid-action, and it guarantees an org keeps at least one working admin token.
 */
@Controller('api/v1/admin')
@RequireRole('admin')
export class CredentialsController {
  constructor(private readonly auth: AuthService) {}

  @Get('api-tokens')
  async listApiTokens(@CurrentPrincipal() principal: Principal): Promise<{ apiTokens: ApiTokenView[] }> {
    return { apiTokens: await this.auth.listApiTokens(principal.orgId) };
  }

  @Post('api-tokens')
  @HttpCode(201)
  async createApiToken(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Created<ApiTokenView>> {
    const input = parseBody(createApiTokenDto, body);
    const created = await this.auth.createApiToken({ orgId: principal.orgId, name: input.name, role: input.role });
    const view = await this.auth.getApiToken(principal.orgId, created.id);
    if (!view) throw new Error(`API token ${created.id} vanished right after it was created`);
    return { ...view, secret: created.secret };
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if (principal.kind === 'api-token' && principal.tokenId === id) {
      throw new ApiError(409, 'INVALID_REQUEST', 'this is the API token you are signed in with; revoke it from another admin token', {
        apiToken: id,
      });
    }
    if ((await this.auth.revokeApiToken(principal.orgId, id)) === 'not-found') throw notFound('apiToken', id);
  }

  @Get('ingest-keys')
  async listIngestKeys(@CurrentPrincipal() principal: Principal): Promise<{ ingestKeys: IngestKeyView[] }> {
    return { ingestKeys: await this.auth.listIngestKeys(principal.orgId) };
  }

  @Post('ingest-keys')
  @HttpCode(201)
  async createIngestKey(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Created<IngestKeyView>> {
    const input = parseBody(createIngestKeyDto, body);
    const created = await this.auth.createIngestKey({ orgId: principal.orgId, name: input.name });
    const view = await this.auth.getIngestKey(principal.orgId, created.id);
    if (!view) throw new Error(`ingest key ${created.id} vanished right after it was created`);
    return { ...view, secret: created.secret };
  }

  @Delete('ingest-keys/:id')
  @HttpCode(204)
  async revokeIngestKey(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if ((await this.auth.revokeIngestKey(principal.orgId, id)) === 'not-found') throw notFound('ingestKey', id);
  }
}
