import { Body, Controller, Get, Patch } from '@nestjs/common';
import { z } from 'zod';
import { parseBody } from '../../common/validation';
import { CurrentPrincipal, RequireRole, type Principal } from '../auth/auth.decorators';
import type { OrgEntity } from './org.entity';
import { OrgsService, isTimeZone } from './orgs.service';

const updateSettingsDto = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').optional(),
  codingTimeShare: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').optional(),
  aiPrLabels: z.array(z.string().trim().min(1)).max(100).optional(),
  privacyMinGroupSize: z.number().int('must be an integer').min(1).max(1000).optional(),
});

export type OrgSettings = {
  name: string;
  slug: string;
  timeZone: string;
  codingTimeShare: number;
  aiPrLabels: string[];
  privacyMinGroupSize: number;
};

const view = (org: OrgEntity): OrgSettings => ({
  name: org.name,
  slug: org.slug,
  timeZone: org.timeZone,
  codingTimeShare: org.codingTimeShare,
  aiPrLabels: org.aiPrLabels,
  privacyMinGroupSize: org.privacyMinGroupSize,
});

/** Org settings: the time zone buckets are cut in, the efficiency seed, AI PR labels, the privacy threshold. */
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal): Promise<OrgSettings> {
    return view(await this.orgs.getById(principal.orgId));
  }

  @Patch()
  @RequireRole('admin')
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<OrgSettings> {
    return view(await this.orgs.update(principal.orgId, parseBody(updateSettingsDto, body)));
  }
}
