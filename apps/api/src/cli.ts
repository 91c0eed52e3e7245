import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CLICKHOUSE_MIGRATIONS_DIR, createClickHouse, runMigrations } from '@uplift/clickhouse';
import { CliUsageError, exitOnCliFailure } from './common/cli';
import { loadConfig } from './config/config';
import { API_ROLES, ApiTokenEntity, type ApiRole } from './modules/auth/api-token.entity';
import { AuthService } from './modules/auth/auth.service';
import { IngestKeyEntity } from './modules/auth/ingest-key.entity';
import { openMetadataDataSource } from './modules/metadata/data-source';
import { OrgEntity } from './modules/orgs/org.entity';
import { OrgsService } from './modules/orgs/orgs.service';
import { DEFAULT_ORG_SLUG } from './modules/setup/first-start.service';

const USAGE = `Usage: npm run uplift -- <command> [options]

Commands:
  migrate                                   apply ClickHouse and metadata migrations (server stopped: chDB belongs to one process)
  orgs create --name <name> --slug <slug> [--time-zone <IANA zone>]
  tokens create [--org <slug>] --role admin|viewer [--name <name>]   print a new API token (shown once)
  keys create [--org <slug>] [--name <name>]                          print a new ingest key (shown once)

--org defaults to "${DEFAULT_ORG_SLUG}". Configuration comes from the environment (UPLIFT_DATA_DIR, …).`;


async function main(argv: string[]): Promise<void> {
  const [command, action, ...rest] = argv;
  const { values } = parseArgs({
    args: command === 'migrate' ? [action ?? '', ...rest].filter(Boolean) : rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      org: { type: 'string', default: DEFAULT_ORG_SLUG },
      role: { type: 'string' },
      'time-zone': { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig();

  if (command === 'migrate') {
    const clickhouse = createClickHouse(config.clickhouse);
    try {
      const result = await runMigrations(clickhouse.client, CLICKHOUSE_MIGRATIONS_DIR, (line) => console.log(line), {
        cluster: config.clickhouseCluster,
      });
      console.log(`ClickHouse: ${result.applied.length} applied, ${result.alreadyApplied} already in place`);
    } finally {
      await clickhouse.close();
    }
    const dataSource = await openMetadataDataSource(config);
    console.log(`metadata: migrations up to date (${dataSource.migrations.length} known)`);
    await dataSource.destroy();
    return;
  }

  const dataSource = await openMetadataDataSource(config);
  try {
    const orgs = new OrgsService(dataSource.getRepository(OrgEntity));
    const auth = new AuthService(dataSource.getRepository(ApiTokenEntity), dataSource.getRepository(IngestKeyEntity));
    if (command === 'orgs' && action === 'create') {
      if (!values.name || !values.slug) throw new CliUsageError('orgs create needs --name and --slug');
      const org = await orgs.create({ name: values.name, slug: values.slug, timeZone: values['time-zone'] });
      console.log(`created org "${org.slug}" (${org.id})`);
      return;
    }
    if (command === 'tokens' && action === 'create') {
      const role = values.role as ApiRole | undefined;
      if (!role || !API_ROLES.includes(role)) throw new CliUsageError('tokens create needs --role admin or --role viewer');
      const org = await orgs.getBySlug(values.org);
      const token = await auth.createApiToken({ orgId: org.id, role, name: values.name ?? `${role} token` });
      console.log(`${role} API token for org "${org.slug}" (shown once):\n${token.secret}`);
      return;
    }
    if (command === 'keys' && action === 'create') {
      const org = await orgs.getBySlug(values.org);
      const key = await auth.createIngestKey({ orgId: org.id, name: values.name ?? 'ingest key' });
      console.log(`ingest key for org "${org.slug}" (shown once):\n${key.secret}`);
      return;
    }
    throw new CliUsageError(command ? `unknown command "${[command, action].filter(Boolean).join(' ')}"` : 'no command given');
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitOnCliFailure(error, USAGE));
