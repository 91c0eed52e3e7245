import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { DirectorySyncService } from './directory-sync.service';
import { DirectoryNotFoundError, IdentityConflictError } from './directory.exception';
import type {
  createMembershipDto,
  createPersonDto,
  createRolloutPhaseDto,
  createSeatDto,
  createTeamDto,
  identityInput,
  putRepoOwnerDto,
  updatePersonDto,
  updateTeamDto,
} from './dto/directory.dto';
import { DepartmentEntity } from './entities/department.entity';
import { IdentityEntity, type IdentityKind } from './entities/identity.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { RepoOwnerEntity } from './entities/repo-owner.entity';
import { RolloutPhaseEntity } from './entities/rollout-phase.entity';
import { SeatEntity } from './entities/seat.entity';
import { TeamEntity } from './entities/team.entity';
import { normaliseIdentity } from './identity';

export type TeamView = { id: string; name: string; department: string | null };
export type PersonView = {
  id: string;
  name: string;
  isBot: boolean;
  identities: { id: string; kind: IdentityKind; value: string }[];
  memberships: { id: string; team: string; startDate: string; endDate: string | null }[];
  seats: { id: string; tool: string; startDate: string; endDate: string | null }[];
};

/**
 * The people-and-teams directory. Every change is followed by a new ClickHouse snapshot, so the next
 * metric query already resolves events with it (history included).
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sync: DirectorySyncService,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
    @InjectRepository(IdentityEntity) private readonly identities: Repository<IdentityEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(SeatEntity) private readonly seats: Repository<SeatEntity>,
    @InjectRepository(RepoOwnerEntity) private readonly repoOwners: Repository<RepoOwnerEntity>,
    @InjectRepository(RolloutPhaseEntity) private readonly phases: Repository<RolloutPhaseEntity>,
  ) {}

  // Departments and teams

  async listDepartments(orgId: string): Promise<{ id: string; name: string }[]> {
    const departments = await this.departments.find({ where: { orgId }, order: { name: 'ASC' } });
    return departments.map(({ id, name }) => ({ id, name }));
  }

  async createDepartment(orgId: string, name: string): Promise<{ id: string; name: string }> {
    const department = await this.ensureDepartment(this.dataSource.manager, orgId, name);
    return { id: department.id, name: department.name };
  }

  async deleteDepartment(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.departments, orgId, id, 'department');
    await this.departments.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  async listTeams(orgId: string): Promise<TeamView[]> {
    const [teams, departments] = await Promise.all([
      this.teams.find({ where: { orgId }, order: { name: 'ASC' } }),
      this.departments.findBy({ orgId }),
    ]);
    const departmentName = new Map(departments.map((department) => [department.id, department.name]));
    return teams.map((team) => ({ id: team.id, name: team.name, department: team.departmentId ? (departmentName.get(team.departmentId) ?? null) : null }));
  }

  async createTeam(orgId: string, input: z.output<typeof createTeamDto>): Promise<TeamView> {
    const team = await this.dataSource.transaction((manager) => this.ensureTeam(manager, orgId, input.name, input.department));
    await this.sync.syncOrg(orgId);
    return this.teamView(orgId, team.id);
  }

  async updateTeam(orgId: string, id: string, input: z.output<typeof updateTeamDto>): Promise<TeamView> {
    const team = await this.mustFind(this.teams, orgId, id, 'team');
    await this.dataSource.transaction(async (manager) => {
      if (input.name !== undefined) team.name = input.name;
      if (input.department !== undefined) {
        team.departmentId = input.department === null ? null : (await this.ensureDepartment(manager, orgId, input.department)).id;
      }
      await manager.save(TeamEntity, team);
    });
    await this.sync.syncOrg(orgId);
    return this.teamView(orgId, id);
  }

  async deleteTeam(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.teams, orgId, id, 'team');
    await this.teams.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  // People and identities

  async listPeople(orgId: string): Promise<PersonView[]> {
    const [people, identities, memberships, seats, teams] = await Promise.all([
      this.people.find({ where: { orgId }, order: { name: 'ASC' } }),
      this.identities.findBy({ orgId }),
      this.memberships.find({ where: { orgId }, order: { startDate: 'ASC' } }),
      this.seats.find({ where: { orgId }, order: { startDate: 'ASC' } }),
      this.teams.findBy({ orgId }),
    ]);
    const teamName = new Map(teams.map((team) => [team.id, team.name]));
    const byPerson = <Row extends { personId: string }>(rows: Row[]) => {
      const grouped = new Map<string, Row[]>();
      for (const row of rows) grouped.set(row.personId, [...(grouped.get(row.personId) ?? []), row]);
      return grouped;
    };
    const identitiesOf = byPerson(identities);
    const membershipsOf = byPerson(memberships);
    const seatsOf = byPerson(seats);
    return people.map((person) => ({
      id: person.id,
      name: person.name,
      isBot: person.isBot,
      identities: (identitiesOf.get(person.id) ?? []).map(({ id, kind, value }) => ({ id, kind, value })),
      memberships: (membershipsOf.get(person.id) ?? []).map(({ id, teamId, startDate, endDate }) => ({
        id,
        team: teamName.get(teamId) ?? '',
        startDate,
        endDate,
      })),
      seats: (seatsOf.get(person.id) ?? []).map(({ id, tool, startDate, endDate }) => ({ id, tool, startDate, endDate })),
    }));
  }

  async getPerson(orgId: string, id: string): Promise<PersonView> {
    const person = (await this.listPeople(orgId)).find((candidate) => candidate.id === id);
    if (!person) throw new DirectoryNotFoundError('person', id);
    return person;
  }

  async createPerson(orgId: string, input: z.output<typeof createPersonDto>): Promise<PersonView> {
    const personId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(PersonEntity, { id: personId, orgId, name: input.name, isBot: input.isBot });
      for (const identity of input.identities) await this.attachIdentity(manager, orgId, personId, identity);
    });
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, personId);
  }

  async updatePerson(orgId: string, id: string, input: z.output<typeof updatePersonDto>): Promise<PersonView> {
    await this.mustFind(this.people, orgId, id, 'person');
    await this.people.update({ orgId, id }, input);
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, id);
  }

  async deletePerson(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.people, orgId, id, 'person');
    await this.people.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  /** Adds an alias; from the next query on, every past event of that alias counts for this person. */
  async addIdentity(orgId: string, personId: string, identity: z.output<typeof identityInput>): Promise<PersonView> {
    await this.mustFind(this.people, orgId, personId, 'person');
    await this.dataSource.transaction((manager) => this.attachIdentity(manager, orgId, personId, identity));
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, personId);
  }

  async removeIdentity(orgId: string, personId: string, identityId: string): Promise<PersonView> {
    const identity = await this.identities.findOneBy({ orgId, id: identityId, personId });
    if (!identity) throw new DirectoryNotFoundError('identity', identityId);
    await this.identities.delete({ orgId, id: identityId });
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, personId);
  }

  /** Folds `otherId` into `targetId`: identities, memberships and seats move, the other person goes. */
  async mergePeople(orgId: string, targetId: string, otherId: string): Promise<PersonView> {
    await this.mustFind(this.people, orgId, targetId, 'person');
    await this.mustFind(this.people, orgId, otherId, 'person');
    if (targetId !== otherId) {
      await this.dataSource.transaction(async (manager) => {
        for (const entity of [IdentityEntity, MembershipEntity, SeatEntity]) {
          await manager.update(entity, { orgId, personId: otherId }, { personId: targetId });
        }
        await manager.delete(PersonEntity, { orgId, id: otherId });
      });
      await this.sync.syncOrg(orgId);
    }
    return this.getPerson(orgId, targetId);
  }

  // Memberships and seats

  async addMembership(orgId: string, personId: string, input: z.output<typeof createMembershipDto>): Promise<PersonView> {
    await this.mustFind(this.people, orgId, personId, 'person');
    await this.dataSource.transaction(async (manager) => {
      const team = await this.ensureTeam(manager, orgId, input.team);
      await manager.insert(MembershipEntity, {
        id: randomUUID(),
        orgId,
        personId,
        teamId: team.id,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
      });
    });
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, personId);
  }

  async endMembership(orgId: string, id: string, endDate: string): Promise<void> {
    const membership = await this.mustFind(this.memberships, orgId, id, 'membership');
    await this.memberships.update({ orgId, id: membership.id }, { endDate });
    await this.sync.syncOrg(orgId);
  }

  async deleteMembership(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.memberships, orgId, id, 'membership');
    await this.memberships.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  async addSeat(orgId: string, personId: string, input: z.output<typeof createSeatDto>): Promise<PersonView> {
    await this.mustFind(this.people, orgId, personId, 'person');
    await this.seats.insert({ id: randomUUID(), orgId, personId, tool: input.tool, startDate: input.startDate, endDate: input.endDate ?? null });
    await this.sync.syncOrg(orgId);
    return this.getPerson(orgId, personId);
  }

  async endSeat(orgId: string, id: string, endDate: string): Promise<void> {
    await this.mustFind(this.seats, orgId, id, 'seat');
    await this.seats.update({ orgId, id }, { endDate });
    await this.sync.syncOrg(orgId);
  }

  async deleteSeat(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.seats, orgId, id, 'seat');
    await this.seats.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  // Repositories and rollout phases

  async listRepoOwners(orgId: string): Promise<{ id: string; repo: string; team: string }[]> {
    const [owners, teams] = await Promise.all([this.repoOwners.find({ where: { orgId }, order: { repo: 'ASC' } }), this.teams.findBy({ orgId })]);
    const teamName = new Map(teams.map((team) => [team.id, team.name]));
    return owners.map((owner) => ({ id: owner.id, repo: owner.repo, team: teamName.get(owner.teamId) ?? '' }));
  }

  async putRepoOwner(orgId: string, input: z.output<typeof putRepoOwnerDto>): Promise<{ id: string; repo: string; team: string }> {
    const id = await this.dataSource.transaction(async (manager) => {
      const team = await this.ensureTeam(manager, orgId, input.team);
      const existing = await manager.findOneBy(RepoOwnerEntity, { orgId, repo: input.repo });
      if (existing) {
        await manager.update(RepoOwnerEntity, { id: existing.id }, { teamId: team.id });
        return existing.id;
      }
      const created = randomUUID();
      await manager.insert(RepoOwnerEntity, { id: created, orgId, repo: input.repo, teamId: team.id });
      return created;
    });
    await this.sync.syncOrg(orgId);
    return { id, repo: input.repo, team: input.team };
  }

  async deleteRepoOwner(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.repoOwners, orgId, id, 'repo');
    await this.repoOwners.delete({ orgId, id });
    await this.sync.syncOrg(orgId);
  }

  async listRolloutPhases(orgId: string): Promise<{ id: string; name: string; startDate: string; targetShare: number }[]> {
    const phases = await this.phases.find({ where: { orgId }, order: { startDate: 'ASC' } });
    return phases.map(({ id, name, startDate, targetShare }) => ({ id, name, startDate, targetShare }));
  }

  async createRolloutPhase(orgId: string, input: z.output<typeof createRolloutPhaseDto>) {
    const phase = { id: randomUUID(), orgId, ...input };
    await this.phases.insert(phase);
    return { id: phase.id, name: phase.name, startDate: phase.startDate, targetShare: phase.targetShare };
  }

  async deleteRolloutPhase(orgId: string, id: string): Promise<void> {
    await this.mustFind(this.phases, orgId, id, 'rollout phase');
    await this.phases.delete({ orgId, id });
  }

  // Shared steps (also used by the CSV import, inside its transaction)

  async ensureDepartment(manager: EntityManager, orgId: string, name: string): Promise<DepartmentEntity> {
    const existing = await manager.findOneBy(DepartmentEntity, { orgId, name });
    if (existing) return existing;
    const department = { id: randomUUID(), orgId, name };
    await manager.insert(DepartmentEntity, department);
    return department;
  }

  async ensureTeam(manager: EntityManager, orgId: string, name: string, department?: string): Promise<TeamEntity> {
    const departmentId = department ? (await this.ensureDepartment(manager, orgId, department)).id : undefined;
    const existing = await manager.findOneBy(TeamEntity, { orgId, name });
    if (existing) {
      if (departmentId && existing.departmentId !== departmentId) {
        existing.departmentId = departmentId;
        await manager.save(TeamEntity, existing);
      }
      return existing;
    }
    const team = { id: randomUUID(), orgId, name, departmentId: departmentId ?? null };
    await manager.insert(TeamEntity, team);
    return team;
  }

  async attachIdentity(manager: EntityManager, orgId: string, personId: string, identity: { kind: string; value: string }): Promise<void> {
    const kind = identity.kind as IdentityKind;
    const value = normaliseIdentity(kind, identity.value);
    const existing = await manager.findOneBy(IdentityEntity, { orgId, kind, value });
    if (existing) {
      if (existing.personId === personId) return;
      throw new IdentityConflictError(kind, value, existing.personId);
    }
    await manager.insert(IdentityEntity, { id: randomUUID(), orgId, personId, kind, value });
  }

  /** People of the org owning any of these identities (for imports), keyed by `kind:value`. */
  async findPeopleByIdentities(manager: EntityManager, orgId: string, values: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let offset = 0; offset < values.length; offset += 500) {
      const rows = await manager.findBy(IdentityEntity, { orgId, value: In(values.slice(offset, offset + 500)) });
      for (const row of rows) found.set(`${row.kind}:${row.value}`, row.personId);
    }
    return found;
  }

  private async teamView(orgId: string, id: string): Promise<TeamView> {
    const team = (await this.listTeams(orgId)).find((candidate) => candidate.id === id);
    if (!team) throw new DirectoryNotFoundError('team', id);
    return team;
  }

  private async mustFind<Entity extends { id: string; orgId: string }>(
    repository: Repository<Entity>,
    orgId: string,
    id: string,
    what: string,
  ): Promise<Entity> {
    const row = await repository.findOneBy({ orgId, id } as never);
    if (!row) throw new DirectoryNotFoundError(what, id);
    return row;
  }
}
