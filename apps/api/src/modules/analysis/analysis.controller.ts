import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '../auth/auth.decorators';
import type { RawQuery } from '../metrics/metrics.service';
import { AnalysisService } from './analysis.service';

/** Does AI usage change delivery? Each answer states its sample size and uncertainty. */
@Controller('api/v1/analysis')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get('correlation')
  correlation(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery) {
    return this.analysis.correlation(principal, query);
  }

  @Get('cohorts')
  cohorts(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery) {
    return this.analysis.cohorts(principal, query);
  }

  @Get('rollout')
  rollout(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery) {
    return this.analysis.rollout(principal, query);
  }

  @Get('before-after')
  beforeAfter(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery) {
    return this.analysis.beforeAfter(principal, query);
  }
}
