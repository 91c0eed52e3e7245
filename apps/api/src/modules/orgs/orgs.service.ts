import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { OrgEntity } from './org.entity';
import { OrgNotFoundError } from './orgs.exception';

@Injectable()
export class OrgsService {
  constructor(@InjectRepository(OrgEntity) private readonly orgs: Repository<OrgEntity>) {}

  count(): Promise<number> {
    return this.orgs.count();
  }

  async create(args: { name: string; slug: string; timeZone?: string }): Promise<OrgEntity> {
    const org = this.orgs.create({ id: randomUUID(), name: args.name, slug: args.slug, timeZone: args.timeZone ?? 'UTC' });
    await this.orgs.insert(org);
    return org;
  }

  async getById(id: string): Promise<OrgEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw new OrgNotFoundError(id);
    return org;
  }

  async getBySlug(slug: string): Promise<OrgEntity> {
    const org = await this.orgs.findOneBy({ slug });
    if (!org) throw new OrgNotFoundError(slug);
    return org;
  }
}
