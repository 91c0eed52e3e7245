import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CollectorModule } from '../collector/collector.module';
import { WebhookEntity } from './webhook.entity';
import { WebhookReceiverController, WebhooksAdminController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** GitHub, GitLab and Jira webhooks into the collector (part of the collector role). */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEntity]), CollectorModule],
  controllers: [WebhooksAdminController, WebhookReceiverController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
