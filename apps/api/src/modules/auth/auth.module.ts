import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgsModule } from '../orgs/orgs.module';
import { ApiTokenEntity } from './api-token.entity';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialsController } from './credentials.controller';
import { IngestKeyEntity } from './ingest-key.entity';
import { SessionController } from './session.controller';
import { SessionEntity } from './session.entity';
import { SessionService } from './session.service';

@Module({
  imports: [TypeOrmModule.forFeature([ApiTokenEntity, IngestKeyEntity, SessionEntity]), OrgsModule],
  controllers: [SessionController, CredentialsController],
  providers: [AuthService, SessionService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionService],
})
export class AuthModule {}
