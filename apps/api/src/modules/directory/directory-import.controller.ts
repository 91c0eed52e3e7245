import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { invalidParameter, invalidRequest } from '../../common/api-error';
import { CurrentPrincipal, RequireRole, type Principal } from '../auth/auth.decorators';
import { DirectoryImportService, IMPORT_KINDS, type ImportKind } from './directory-import.service';

type Reply = { header: (name: string, value: string) => Reply };

function importKind(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw invalidParameter('kind', `kind must be one of ${IMPORT_KINDS.join(', ')} (got "${kind}")`, kind);
  }
  return kind as ImportKind;
}

/** CSV in and out: `POST …/import/people` with `Content-Type: text/csv`, `GET …/export/people`. */
@Controller('api/v1/directory')
export class DirectoryImportController {
  constructor(private readonly imports: DirectoryImportService) {}

  @Post('import/:kind')
  @RequireRole('admin')
  async import(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Body() body: unknown) {
    const validKind = importKind(kind);
    if (typeof body !== 'string') throw invalidRequest('send the file as Content-Type: text/csv');
    return this.imports.import(principal.orgId, validKind, body);
  }

  @Get('export/:kind')
  @Header('content-type', 'text/csv; charset=utf-8')
  async export(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string, @Res({ passthrough: true }) reply: Reply) {
    const validKind = importKind(kind);
    reply.header('content-disposition', `attachment; filename="${validKind}.csv"`);
    return this.imports.export(principal.orgId, validKind);
  }
}
