import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tables, queryRows, type UpliftClickHouse } from '@uplift/clickhouse';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Repository } from 'typeorm';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';
import { writeDirectorySnapshot } from './directory-snapshot';
import { DepartmentEntity } from './entities/department.entity';
import { IdentityEntity } from './entities/identity.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { RepoOwnerEntity } from './entities/repo-owner.entity';
import { SeatEntity } from './entities/seat.entity';
import { TeamEntity } from './entities/team.entity';

/**
 * Copies an org's directory into ClickHouse, where metrics resolve identities and teams at query time.
 * Each copy is a new snapshot; the snapshot pointer moves only after every table holds the new copy.
 */
@Injectable()
export class DirectorySyncService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DirectorySync');
  private lastSnapshot = 0;
  private readonly pending = new Map<string, Promise<number>>();

  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: UpliftClickHouse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgs: OrgsService,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(IdentityEntity) private readonly identities: Repository<IdentityEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(SeatEntity) private readonly seats: Repository<SeatEntity>,
    @InjectRepository(RepoOwnerEntity) private readonly repoOwners: Repository<RepoOwnerEntity>,
  ) {}

  /** After a restore or a first start on an existing store, orgs without a copy get one. */
  async onApplicationBootstrap(): Promise<void> {
    const synced = await queryRows<{ org_id: string }>(this.clickhouse.client, {
      query: `SELECT DISTINCT org_id FROM ${Tables.directorySnapshots}`,
      comment: 'directory:synced-orgs',
    });
    const syncedOrgs = new Set(synced.map((row) => row.org_id));
    for (const org of await this.orgs.list()) {
      if (!syncedOrgs.has(org.id)) await this.syncOrg(org.id);
    }
  }

  /** Writes a new snapshot of the org's directory; concurrent calls for one org run one after another. */
  syncOrg(orgId: string): Promise<number> {
    const previous = this.pending.get(orgId) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.writeSnapshot(orgId));
    this.pending.set(orgId, next);
    return next;
  }

  private nextSnapshotId(): number {
    // Milliseconds, strictly increasing within this process.
    this.lastSnapshot = Math.max(Date.now(), this.lastSnapshot + 1);
    return this.lastSnapshot;
  }

  private async writeSnapshot(orgId: string): Promise<number> {
    const snapshot = this.nextSnapshotId();
    const [departments, teams, people, identities, memberships, seats, repoOwners] = await Promise.all([
      this.departments.findBy({ orgId }),
      this.teams.findBy({ orgId }),
      this.people.findBy({ orgId }),
      this.identities.findBy({ orgId }),
      this.memberships.findBy({ orgId }),
      this.seats.findBy({ orgId }),
      this.repoOwners.findBy({ orgId }),
    ]);
    return writeDirectorySnapshot(
      this.clickhouse.client,
      orgId,
      { departments, teams, people, identities, memberships, seats, repoOwners },
      {
        snapshot,
        cluster: this.config.clickhouseCluster,
        onPruneError: (table, error) => this.logger.warn(`could not prune old ${table} rows: ${error.message}`),
      },
    );
  }
}
