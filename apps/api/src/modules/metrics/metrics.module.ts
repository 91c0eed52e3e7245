import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { MetricsController } from './metrics.controller';

@Module({ imports: [OrgsModule], controllers: [MetricsController] })
export class MetricsModule {}
