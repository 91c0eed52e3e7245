import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokenEntity } from './api-token.entity';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { IngestKeyEntity } from './ingest-key.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ApiTokenEntity, IngestKeyEntity])],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
