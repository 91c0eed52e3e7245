import { ApiError } from '../../common/api-error';

export class OrgNotFoundError extends ApiError {
  constructor(idOrSlug: string) {
    super(404, 'NOT_FOUND', `no org "${idOrSlug}"`, { org: idOrSlug });
  }
}
