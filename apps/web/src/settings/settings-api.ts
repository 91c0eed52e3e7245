import { apiRequest } from '../api/client';
import type { Role } from '../api/types';

/** GET/PATCH /api/v1/settings. */
export type OrgSettings = {
  name: string;
  slug: string;
  timeZone: string;
  codingTimeShare: number;
  aiPrLabels: string[];
  privacyMinGroupSize: number;
};

export type DatedRecord = { id: string; startDate: string; endDate: string | null };
export type Seat = DatedRecord & { tool: string };

/** GET /api/v1/directory/people: one person with identities, memberships and seats. */
export type Person = {
  id: string;
  name: string;
  isBot: boolean;
  identities: { id: string; kind: string; value: string }[];
  memberships: (DatedRecord & { team: string })[];
  seats: Seat[];
};

/** GET /api/v1/directory/rollout-phases. */
export type RolloutPhaseRecord = { id: string; name: string; startDate: string; targetShare: number };

export const IMPORT_KINDS = ['people', 'memberships', 'seats'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The columns the API expects in each file, in export order (lists inside a cell are separated by `;`). */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  people: ['name', 'emails', 'logins', 'external_ids', 'bot'],
  memberships: ['person', 'team', 'department', 'start_date', 'end_date'],
  seats: ['person', 'tool', 'start_date', 'end_date'],
};

/** POST /api/v1/directory/import/{kind}: what an accepted file did. */
export type ImportSummary = { kind: ImportKind; rows: number; created: number; updated: number };
/** One bad row of a refused file (the whole file was refused). */
export type ImportRowError = { row: number; column?: string; message: string; value?: string };

/** GET /api/v1/admin/api-tokens and ingest-keys: how to recognise a credential, never its secret. */
export type ApiTokenView = { id: string; name: string; role: Role; prefix: string; createdAt: string; revokedAt: string | null };
export type IngestKeyView = Omit<ApiTokenView, 'role'>;
export type CreatedCredential<View> = View & { secret: string };

export const exportHref = (kind: ImportKind) => `/api/v1/directory/export/${kind}`;

export const settingsApi = {
  orgSettings: () => apiRequest<OrgSettings>('GET', '/api/v1/settings'),
  updateOrgSettings: (patch: Partial<OrgSettings>) => apiRequest<OrgSettings>('PATCH', '/api/v1/settings', patch),

  importCsv: (kind: ImportKind, csv: string) => apiRequest<ImportSummary>('POST', `/api/v1/directory/import/${kind}`, { raw: csv, contentType: 'text/csv' }),

  people: (signal?: AbortSignal) => apiRequest<Person[]>('GET', '/api/v1/directory/people', undefined, signal),
  addSeat: (personId: string, seat: { tool: string; startDate: string; endDate?: string }) =>
    apiRequest<Person>('POST', `/api/v1/directory/people/${encodeURIComponent(personId)}/seats`, seat),
  endSeat: (seatId: string, endDate: string) => apiRequest<void>('POST', `/api/v1/directory/seats/${encodeURIComponent(seatId)}/end`, { endDate }),
  deleteSeat: (seatId: string) => apiRequest<void>('DELETE', `/api/v1/directory/seats/${encodeURIComponent(seatId)}`),

  rolloutPhases: (signal?: AbortSignal) => apiRequest<RolloutPhaseRecord[]>('GET', '/api/v1/directory/rollout-phases', undefined, signal),
  createRolloutPhase: (phase: { name: string; startDate: string; targetShare: number }) =>
    apiRequest<RolloutPhaseRecord>('POST', '/api/v1/directory/rollout-phases', phase),
  deleteRolloutPhase: (id: string) => apiRequest<void>('DELETE', `/api/v1/directory/rollout-phases/${encodeURIComponent(id)}`),

  apiTokens: (signal?: AbortSignal) => apiRequest<{ apiTokens: ApiTokenView[] }>('GET', '/api/v1/admin/api-tokens', undefined, signal),
  createApiToken: (input: { name: string; role: Role }) => apiRequest<CreatedCredential<ApiTokenView>>('POST', '/api/v1/admin/api-tokens', input),
  revokeApiToken: (id: string) => apiRequest<void>('DELETE', `/api/v1/admin/api-tokens/${encodeURIComponent(id)}`),
  ingestKeys: (signal?: AbortSignal) => apiRequest<{ ingestKeys: IngestKeyView[] }>('GET', '/api/v1/admin/ingest-keys', undefined, signal),
  createIngestKey: (input: { name: string }) => apiRequest<CreatedCredential<IngestKeyView>>('POST', '/api/v1/admin/ingest-keys', input),
  revokeIngestKey: (id: string) => apiRequest<void>('DELETE', `/api/v1/admin/ingest-keys/${encodeURIComponent(id)}`),
};
