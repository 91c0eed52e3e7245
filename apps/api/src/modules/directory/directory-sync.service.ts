import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { OPEN_END_DATE, Tables, localTableName, queryRows, toClickHouseDateTime, type UpliftClickHouse } from '@uplift/clickhouse';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Repository } from 'typeorm';
import { OrgsService } from '../orgs/orgs.service';
import { CLICKHOUSE } from '../storage/storage.module';
import { DepartmentEntity } from './entities/department.entity';
import { IdentityEntity } from './entities/identity.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { RepoOwnerEntity } from './entities/repo-owner.entity';
import { SeatEntity } from './entities/seat.entity';
import { TeamEntity } from './entities/team.entity';

const SNAPSHOT_TABLES = [
  Tables.directoryIdentities,
  Tables.directoryPeople,
  Tables.directoryMemberships,
  Tables.directorySeats,
  Tables.directoryRepos,
  Tables.directoryTeams,
] as const;

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
    const departmentName = new Map(departments.map((department) => [department.id, department.name]));
    const teamById = new Map(teams.map((team) => [team.id, team]));
    const teamName = (teamId: string) => teamById.get(teamId)?.name ?? '';
    const teamDepartment = (teamId: string) => {
      const departmentId = teamById.get(teamId)?.departmentId;
      return departmentId ? (departmentName.get(departmentId) ?? '') : '';
    };
    const base = { org_id: orgId, snapshot };
    const rows: Record<(typeof SNAPSHOT_TABLES)[number], Record<string, unknown>[]> = {
      [Tables.directoryIdentities]: identities.map((identity) => ({ ...base, kind: identity.kind, value: identity.value, person_id: identity.personId })),
      [Tables.directoryPeople]: people.map((person) => ({ ...base, person_id: person.id, name: person.name, is_bot: person.isBot ? 1 : 0 })),
      [Tables.directoryMemberships]: memberships.map((membership) => ({
        ...base,
        person_id: membership.personId,
        team: teamName(membership.teamId),
        department: teamDepartment(membership.teamId),
        start_date: membership.startDate,
        end_date: membership.endDate ?? OPEN_END_DATE,
      })),
      [Tables.directorySeats]: seats.map((seat) => ({
        ...base,
        person_id: seat.personId,
        tool: seat.tool,
        start_date: seat.startDate,
        end_date: seat.endDate ?? OPEN_END_DATE,
      })),
      [Tables.directoryRepos]: repoOwners.map((owner) => ({ ...base, repo: owner.repo, team: teamName(owner.teamId), department: teamDepartment(owner.teamId) })),
      [Tables.directoryTeams]: teams.map((team) => ({ ...base, team: team.name, department: teamDepartment(team.id) })),
    };
    const client = this.clickhouse.client;
    for (const table of SNAPSHOT_TABLES) {
      if (rows[table].length > 0) await client.insert({ table, values: rows[table], format: 'JSONEachRow' });
    }
    await client.insert({
      table: Tables.directorySnapshots,
      values: [{ org_id: orgId, snapshot, synced_at: toClickHouseDateTime(new Date()) }],
      format: 'JSONEachRow',
    });
    // Older copies are no longer read. A mutation (ALTER … DELETE) is queued and runs in the engine's
    // background, so the caller does not wait for the rewrite of parts.
    for (const table of SNAPSHOT_TABLES) {
      await client
        .command({
          query: `ALTER TABLE ${localTableName(table, { cluster: this.config.clickhouseCluster })}${this.config.clickhouseCluster ? ` ON CLUSTER '${this.config.clickhouseCluster}'` : ''} DELETE WHERE org_id = {org:String} AND snapshot < {snapshot:UInt64}`,
          query_params: { org: orgId, snapshot },
          clickhouse_settings: { mutations_sync: '0' },
        })
        .catch((error: Error) => this.logger.warn(`could not prune old ${table} rows: ${error.message}`));
    }
    return snapshot;
  }
}
