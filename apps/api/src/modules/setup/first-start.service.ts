import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuthService } from '../auth/auth.service';
import { OrgsService } from '../orgs/orgs.service';

export const DEFAULT_ORG_SLUG = 'default';

/**
 * On the first start (empty metadata store) creates the default org with one admin token and one
 * ingest key: the ones given in UPLIFT_ADMIN_TOKEN / UPLIFT_INGEST_KEY, or generated ones printed once.
 */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstStart');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgs: OrgsService,
    private readonly auth: AuthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.orgs.count()) > 0) return;
    const org = await this.orgs.create({ name: 'Default organisation', slug: DEFAULT_ORG_SLUG });
    const admin = await this.auth.createApiToken({
      orgId: org.id,
      name: 'first admin',
      role: 'admin',
      secret: this.config.adminToken,
    });
    const ingest = await this.auth.createIngestKey({ orgId: org.id, name: 'first ingest key', secret: this.config.ingestKey });
    this.logger.log(`created org "${org.slug}" (${org.id})`);
    const generated: string[] = [];
    if (!this.config.adminToken) generated.push(`  admin API token : ${admin.secret}`);
    if (!this.config.ingestKey) generated.push(`  ingest key      : ${ingest.secret}`);
    if (generated.length > 0) {
      // Printed once: only hashes are stored, so this is the only time these secrets can be read.
      process.stdout.write(
        ['', 'Uplift first start: credentials for the default org (shown once, store them now):', ...generated, ''].join('\n') +
          '\n',
      );
    }
  }
}
