import type { ClickHouseClient } from '@clickhouse/client';
import { OPEN_END_DATE, Tables, localTableName, toClickHouseDateTime } from '@uplift/clickhouse';
import type { EntityManager } from 'typeorm';
import { DepartmentEntity } from './entities/department.entity';
import { IdentityEntity } from './entities/identity.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { RepoOwnerEntity } from './entities/repo-owner.entity';
import { SeatEntity } from './entities/seat.entity';
import { TeamEntity } from './entities/team.entity';

export const SNAPSHOT_TABLES = [
  Tables.directoryIdentities,
  Tables.directoryPeople,
  Tables.directoryMemberships,
  Tables.directorySeats,
  Tables.directoryRepos,
  Tables.directoryTeams,
] as const;

/** An org's directory as the metadata store holds it: what one snapshot copies. */
export type DirectoryRows = {
  departments: readonly DepartmentEntity[];
  teams: readonly TeamEntity[];
  people: readonly PersonEntity[];
  identities: readonly IdentityEntity[];
  memberships: readonly MembershipEntity[];
  seats: readonly SeatEntity[];
  repoOwners: readonly RepoOwnerEntity[];
};

/** Reads an org's directory from the metadata store (outside Nest: CLI, seed). */
export async function loadDirectoryRows(manager: EntityManager, orgId: string): Promise<DirectoryRows> {
  const [departments, teams, people, identities, memberships, seats, repoOwners] = await Promise.all([
    manager.findBy(DepartmentEntity, { orgId }),
    manager.findBy(TeamEntity, { orgId }),
    manager.findBy(PersonEntity, { orgId }),
    manager.findBy(IdentityEntity, { orgId }),
    manager.findBy(MembershipEntity, { orgId }),
    manager.findBy(SeatEntity, { orgId }),
    manager.findBy(RepoOwnerEntity, { orgId }),
  ]);
  return { departments, teams, people, identities, memberships, seats, repoOwners };
}

export type WriteSnapshotOptions = {
  /** strictly increasing per org: the copy with the highest id is the current one */
  snapshot: number;
  /** renders the pruning mutation for the cluster's local tables */
  cluster?: string;
  /** told about an old copy that could not be pruned (the new copy is in place regardless) */
  onPruneError?: (table: string, error: Error) => void;
};

/**
 * Copies an org's directory into ClickHouse, where metrics resolve identities and teams at query time. Every
 * table gets the new copy first; only then does `directory_snapshots` point at it, so a reader never sees half a
 * copy. Older copies are pruned afterwards. Used by DirectorySyncService and by `npm run seed:demo`.
 */
export async function writeDirectorySnapshot(
  client: ClickHouseClient,
  orgId: string,
  directory: DirectoryRows,
  options: WriteSnapshotOptions,
): Promise<number> {
  const { snapshot, cluster } = options;
  const departmentName = new Map(directory.departments.map((department) => [department.id, department.name]));
  const teamById = new Map(directory.teams.map((team) => [team.id, team]));
  const teamName = (teamId: string) => teamById.get(teamId)?.name ?? '';
  const teamDepartment = (teamId: string) => {
    const departmentId = teamById.get(teamId)?.departmentId;
    return departmentId ? (departmentName.get(departmentId) ?? '') : '';
  };
  const base = { org_id: orgId, snapshot };
  const rows: Record<(typeof SNAPSHOT_TABLES)[number], Record<string, unknown>[]> = {
    [Tables.directoryIdentities]: directory.identities.map((identity) => ({ ...base, kind: identity.kind, value: identity.value, person_id: identity.personId })),
    [Tables.directoryPeople]: directory.people.map((person) => ({ ...base, person_id: person.id, name: person.name, is_bot: person.isBot ? 1 : 0 })),
    [Tables.directoryMemberships]: directory.memberships.map((membership) => ({
      ...base,
      person_id: membership.personId,
      team: teamName(membership.teamId),
      department: teamDepartment(membership.teamId),
      start_date: membership.startDate,
      end_date: membership.endDate ?? OPEN_END_DATE,
    })),
    [Tables.directorySeats]: directory.seats.map((seat) => ({
      ...base,
      person_id: seat.personId,
      tool: seat.tool,
      start_date: seat.startDate,
      end_date: seat.endDate ?? OPEN_END_DATE,
    })),
    [Tables.directoryRepos]: directory.repoOwners.map((owner) => ({ ...base, repo: owner.repo, team: teamName(owner.teamId), department: teamDepartment(owner.teamId) })),
    [Tables.directoryTeams]: directory.teams.map((team) => ({ ...base, team: team.name, department: teamDepartment(team.id) })),
  };
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
        query: `ALTER TABLE ${localTableName(table, { cluster })}${cluster ? ` ON CLUSTER '${cluster}'` : ''} DELETE WHERE org_id = {org:String} AND snapshot < {snapshot:UInt64}`,
        query_params: { org: orgId, snapshot },
        clickhouse_settings: { mutations_sync: '0' },
      })
      .catch((error: Error) => options.onPruneError?.(table, error));
  }
  return snapshot;
}
