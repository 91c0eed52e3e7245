import type { EventRow } from '@uplift/clickhouse';
import { toClickHouseDateTime } from '@uplift/clickhouse';
import type { UpliftEvent } from '@uplift/events';

type Actor = { email?: string; login?: string; externalId?: string };

/**
 * The developer key of an actor until the directory resolves identities to people:
 * email first (most stable across tools), then login, then external id.
 */
export function personKey(actor: Actor | undefined): string {
  if (!actor) return '';
  if (actor.email) return `email:${actor.email.toLowerCase()}`;
  if (actor.login) return `login:${actor.login}`;
  if (actor.externalId) return `ext:${actor.externalId}`;
  return '';
}

/** Maps a validated event to its `events` row; `data` is kept whole, unknown fields included. */
export function toEventRow(orgId: string, event: UpliftEvent, receivedAt: Date): EventRow {
  const actor = (event as { actor?: Actor }).actor;
  const data = event.data as Record<string, unknown>;
  const context = event.context ?? {};
  const dataRepo = typeof data['repo'] === 'string' ? data['repo'] : undefined;
  return {
    org_id: orgId,
    id: event.id,
    type: event.type,
    time: toClickHouseDateTime(new Date(event.time)),
    received_at: toClickHouseDateTime(receivedAt),
    actor_email: actor?.email?.toLowerCase() ?? '',
    actor_login: actor?.login ?? '',
    actor_external_id: actor?.externalId ?? '',
    person_id: personKey(actor),
    context_team: context.team ?? '',
    tool: event.source.tool,
    tool_version: event.source.toolVersion ?? '',
    ide: event.source.ide ?? '',
    ide_version: event.source.ideVersion ?? '',
    repo: dataRepo ?? context.repo ?? '',
    language: context.language ?? '',
    branch: context.branch ?? '',
    model: context.model ?? '',
    data: JSON.stringify(data),
  };
}
