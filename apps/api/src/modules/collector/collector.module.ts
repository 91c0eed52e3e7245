import { Module } from '@nestjs/common';
import { CollectorController } from './collector.controller';
import { CollectorService } from './collector.service';
import { RejectedEventsController } from './rejected-events.controller';

@Module({
  controllers: [CollectorController, RejectedEventsController],
  providers: [CollectorService],
  exports: [CollectorService],
})
export class CollectorModule {}
