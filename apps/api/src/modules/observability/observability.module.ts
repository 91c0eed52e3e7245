import { Controller, Get, Global, Header, Module } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { Telemetry } from './telemetry';

/** Prometheus text format. Public like /healthz: it carries counts, no org data. */
@Controller()
export class MetricsExpositionController {
  constructor(private readonly telemetry: Telemetry) {}

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  expose(): string {
    return this.telemetry.render();
  }
}

@Global()
@Module({ controllers: [MetricsExpositionController], providers: [Telemetry], exports: [Telemetry] })
export class ObservabilityModule {}
