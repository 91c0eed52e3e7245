import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgEntity } from './org.entity';
import { OrgsService } from './orgs.service';
import { SettingsController } from './settings.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OrgEntity])],
  controllers: [SettingsController],
  providers: [OrgsService],
  exports: [OrgsService],
})
export class OrgsModule {}
