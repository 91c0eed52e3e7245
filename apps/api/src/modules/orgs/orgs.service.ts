import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { OrgEntity } from './org.entity';
import { isValidTimeZone } from '@uplift/metrics';
import { ApiError } from '../../common/api-error';
import { OrgNotFoundError } from './orgs.exception';

export const DEFAULT_CODING_TIME_SHARE = 0.32;

/** True for IANA zone names the runtime knows (the zone every bucket of the org is cut in). */
export const isTimeZone = isValidTimeZone;
export const DEFAULT_AI_PR_LABELS = ['ai-assisted', 'claude-code-assisted', 'copilot'] as const;
export const DEFAULT_PRIVACY_MIN_GROUP_SIZE = 5;

@Injectable()
export class OrgsService {
  constructor(@InjectRepository(OrgEntity) private readonly orgs: Repository<OrgEntity>) {}

  count(): Promise<number> {
    return this.orgs.count();
  }

  async create(args: { name: string; slug: string; timeZone?: string }): Promise<OrgEntity> {
    if (args.timeZone !== undefined && !isTimeZone(args.timeZone)) {
      throw new ApiError(400, 'INVALID_REQUEST', `time zone "${args.timeZone}" is not an IANA time zone such as Asia/Shanghai`, { timeZone: args.timeZone });
    }
    if (await this.orgs.existsBy({ slug: args.slug })) {
      throw new ApiError(409, 'INVALID_REQUEST', `an org with slug "${args.slug}" already exists`, { slug: args.slug });
    }
    const org = this.orgs.create({
      id: randomUUID(),
      name: args.name,
      slug: args.slug,
      timeZone: args.timeZone ?? 'UTC',
      codingTimeShare: DEFAULT_CODING_TIME_SHARE,
      aiPrLabels: [...DEFAULT_AI_PR_LABELS],
      privacyMinGroupSize: DEFAULT_PRIVACY_MIN_GROUP_SIZE,
    });
    await this.orgs.insert(org);
    return org;
  }

  async getById(id: string): Promise<OrgEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw new OrgNotFoundError(id);
    return org;
  }

  async update(id: string, changes: Partial<Pick<OrgEntity, 'name' | 'timeZone' | 'codingTimeShare' | 'aiPrLabels' | 'privacyMinGroupSize'>>): Promise<OrgEntity> {
    await this.orgs.update({ id }, changes);
    return this.getById(id);
  }

  list(): Promise<OrgEntity[]> {
    return this.orgs.find({ order: { createdAt: 'ASC' } });
  }

  async getBySlug(slug: string): Promise<OrgEntity> {
    const org = await this.orgs.findOneBy({ slug });
    if (!org) throw new OrgNotFoundError(slug);
    return org;
  }
}
