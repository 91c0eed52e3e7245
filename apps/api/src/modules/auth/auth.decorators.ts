import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiRole } from './api-token.entity';

/** How a route is authenticated. Every route needs an API token unless it says otherwise. */
export type RouteAuth = { kind: 'public' } | { kind: 'ingest-key' } | { kind: 'api-token'; role: ApiRole };

export const ROUTE_AUTH = 'uplift:route-auth';

export const Public = () => SetMetadata(ROUTE_AUTH, { kind: 'public' } satisfies RouteAuth);
export const IngestKeyAuth = () => SetMetadata(ROUTE_AUTH, { kind: 'ingest-key' } satisfies RouteAuth);
export const RequireRole = (role: ApiRole) => SetMetadata(ROUTE_AUTH, { kind: 'api-token', role } satisfies RouteAuth);

/** Who is calling: the org comes from the credential, never from the request. */
export type Principal =
  | { kind: 'api-token'; orgId: string; tokenId: string; role: ApiRole }
  | { kind: 'ingest-key'; orgId: string; keyId: string };

/** Admins see everything of their org, per-person figures under the privacy minimum included. */
export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'api-token' && principal.role === 'admin';
}

export type AuthenticatedRequest = {
  principal?: Principal;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
};

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.principal;
});
