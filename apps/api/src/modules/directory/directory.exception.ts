import { ApiError } from '../../common/api-error';

export class DirectoryNotFoundError extends ApiError {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', `no ${what} "${id}"`, { [what]: id });
  }
}

/** An identity already belongs to another person: merge the two people instead. */
export class IdentityConflictError extends ApiError {
  constructor(kind: string, value: string, personId: string) {
    super(409, 'INVALID_REQUEST', `${kind} "${value}" already belongs to person ${personId}; merge the two people instead`, {
      kind,
      value,
      personId,
    });
  }
}

export type ImportRowError = { row: number; column?: string; message: string; value?: string };

/** A CSV import with bad rows: nothing was written. */
export class DirectoryImportError extends ApiError {
  constructor(file: string, errors: ImportRowError[]) {
    super(400, 'INVALID_REQUEST', `${file}: ${errors.length} bad row(s); nothing was imported`, { errors });
  }
}
