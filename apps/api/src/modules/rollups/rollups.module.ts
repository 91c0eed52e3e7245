import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { RollupRefresher } from './rollup-refresher.service';

/** The daily rollups' refresher; part of the role that writes events (see AppModule). */
@Module({ imports: [OrgsModule], providers: [RollupRefresher], exports: [RollupRefresher] })
export class RollupsModule {}
