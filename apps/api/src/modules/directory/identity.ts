import type { IdentityKind } from './entities/identity.entity';

/** Emails compare case-insensitively (stored lower-cased); logins and external ids as given, trimmed. */
export function normaliseIdentity(kind: IdentityKind, value: string): string {
  const trimmed = value.trim();
  return kind === 'email' ? trimmed.toLowerCase() : trimmed;
}

/** In CSV files a person is named by any identity: an email when it has an `@`, else a login or external id. */
export function identityCandidates(value: string): { kind: IdentityKind; value: string }[] {
  const trimmed = value.trim();
  if (trimmed.includes('@')) return [{ kind: 'email', value: trimmed.toLowerCase() }];
  return [
    { kind: 'login', value: trimmed },
    { kind: 'external_id', value: trimmed },
  ];
}
