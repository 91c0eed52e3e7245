import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgsModule } from '../orgs/orgs.module';
import { DirectoryImportController } from './directory-import.controller';
import { DirectoryImportService } from './directory-import.service';
import { DirectorySyncService } from './directory-sync.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { DIRECTORY_ENTITIES } from './entities';

@Module({
  imports: [TypeOrmModule.forFeature(DIRECTORY_ENTITIES), OrgsModule],
  controllers: [DirectoryController, DirectoryImportController],
  providers: [DirectoryService, DirectoryImportService, DirectorySyncService],
  exports: [DirectoryService, DirectorySyncService],
})
export class DirectoryModule {}
