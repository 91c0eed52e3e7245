import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrgsModule } from '../orgs/orgs.module';
import { FirstStartService } from './first-start.service';

@Module({ imports: [OrgsModule, AuthModule], providers: [FirstStartService] })
export class SetupModule {}
