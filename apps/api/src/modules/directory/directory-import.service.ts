import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CsvSyntaxError, formatCsv, readCsvRecords } from './csv';
import { DirectorySyncService } from './directory-sync.service';
import { DirectoryImportError, type ImportRowError } from './directory.exception';
import { DirectoryService } from './directory.service';
import { isoDate } from './dto/directory.dto';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { SeatEntity } from './entities/seat.entity';
import { identityCandidates, normaliseIdentity } from './identity';

export const IMPORT_KINDS = ['people', 'memberships', 'seats'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The columns of each file, in export order. Lists inside a cell are separated by `;`. */
export const CSV_COLUMNS: Record<ImportKind, readonly string[]> = {
  people: ['name', 'emails', 'logins', 'external_ids', 'bot'],
  memberships: ['person', 'team', 'department', 'start_date', 'end_date'],
  seats: ['person', 'tool', 'start_date', 'end_date'],
};

export type ImportSummary = { kind: ImportKind; rows: number; created: number; updated: number };

const list = (cell: string) => cell.split(';').map((item) => item.trim()).filter(Boolean);
const BOOLEAN_CELLS: Record<string, boolean> = { '': false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

/**
 * CSV import and export of people, memberships and seats. An import is all or nothing: every row is
 * checked first, any bad row is reported (row number, column, value) and nothing is written.
 */
@Injectable()
export class DirectoryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
    private readonly sync: DirectorySyncService,
  ) {}

  async import(orgId: string, kind: ImportKind, csv: string): Promise<ImportSummary> {
    const file = `${kind}.csv`;
    let parsed: ReturnType<typeof readCsvRecords>;
    try {
      parsed = readCsvRecords(csv, CSV_COLUMNS[kind]);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new DirectoryImportError(file, [{ row: error.line, message: error.message }]);
      throw error;
    }
    if (parsed.headerError) throw new DirectoryImportError(file, [{ row: 1, message: parsed.headerError }]);
    const summary = await this.dataSource.transaction(async (manager) => {
      const errors: ImportRowError[] = [];
      const result =
        kind === 'people'
          ? await this.importPeople(manager, orgId, parsed.records, errors)
          : await this.importDated(manager, orgId, kind, parsed.records, errors);
      // Throwing inside the transaction rolls back whatever the valid rows already wrote.
      if (errors.length > 0) throw new DirectoryImportError(file, errors);
      return { kind, rows: parsed.records.length, ...result };
    });
    await this.sync.syncOrg(orgId);
    return summary;
  }

  async export(orgId: string, kind: ImportKind): Promise<string> {
    const people = await this.directory.listPeople(orgId);
    const teams = await this.directory.listTeams(orgId);
    const departmentOf = new Map(teams.map((team) => [team.name, team.department ?? '']));
    const personKey = (person: (typeof people)[number]) =>
      person.identities.find((identity) => identity.kind === 'email')?.value ?? person.identities[0]?.value ?? '';
    const values = (person: (typeof people)[number], identityKind: string) =>
      person.identities.filter((identity) => identity.kind === identityKind).map((identity) => identity.value).join(';');
    let rows: string[][];
    if (kind === 'people') {
      rows = people.map((person) => [person.name, values(person, 'email'), values(person, 'login'), values(person, 'external_id'), String(person.isBot)]);
    } else if (kind === 'memberships') {
      rows = people.flatMap((person) =>
        person.memberships.map((membership) => [personKey(person), membership.team, departmentOf.get(membership.team) ?? '', membership.startDate, membership.endDate ?? '']),
      );
    } else {
      rows = people.flatMap((person) => person.seats.map((seat) => [personKey(person), seat.tool, seat.startDate, seat.endDate ?? '']));
    }
    return formatCsv(CSV_COLUMNS[kind], rows);
  }

  private async importPeople(manager: EntityManager, orgId: string, records: Record<string, string>[], errors: ImportRowError[]) {
    let created = 0;
    let updated = 0;
    const claimedInFile = new Map<string, number>();
    for (const [position, record] of records.entries()) {
      const row = position + 2; // the header is row 1
      const rowErrors: ImportRowError[] = [];
      const name = record['name'] ?? '';
      if (!name) rowErrors.push({ row, column: 'name', message: 'must not be empty' });
      const bot = BOOLEAN_CELLS[(record['bot'] ?? '').toLowerCase()];
      if (bot === undefined) rowErrors.push({ row, column: 'bot', message: 'must be true or false', value: record['bot'] });
      const identities = [
        ...list(record['emails'] ?? '').map((value) => ({ kind: 'email' as const, value: normaliseIdentity('email', value), column: 'emails' })),
        ...list(record['logins'] ?? '').map((value) => ({ kind: 'login' as const, value, column: 'logins' })),
        ...list(record['external_ids'] ?? '').map((value) => ({ kind: 'external_id' as const, value, column: 'external_ids' })),
      ];
      if (identities.length === 0) rowErrors.push({ row, column: 'emails', message: 'a person needs at least one email, login or external id' });
      for (const identity of identities) {
        if (identity.kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(identity.value)) {
          rowErrors.push({ row, column: 'emails', message: 'is not an email address', value: identity.value });
        }
        const key = `${identity.kind}:${identity.value}`;
        const earlierRow = claimedInFile.get(key);
        if (earlierRow !== undefined) rowErrors.push({ row, column: identity.column, message: `also listed on row ${earlierRow}`, value: identity.value });
        claimedInFile.set(key, row);
      }
      if (rowErrors.length > 0) {
        errors.push(...rowErrors);
        continue;
      }
      const owners = await this.directory.findPeopleByIdentities(manager, orgId, identities.map((identity) => identity.value));
      const personIds = new Set(identities.map((identity) => owners.get(`${identity.kind}:${identity.value}`)).filter((id): id is string => id !== undefined));
      if (personIds.size > 1) {
        errors.push({ row, column: 'emails', message: `these identities belong to ${personIds.size} different people; merge them first` });
        continue;
      }
      const personId = [...personIds][0] ?? randomUUID();
      if (personIds.size === 0) {
        await manager.insert(PersonEntity, { id: personId, orgId, name, isBot: bot ?? false });
        created += 1;
      } else {
        await manager.update(PersonEntity, { orgId, id: personId }, { name, isBot: bot ?? false });
        updated += 1;
      }
      for (const identity of identities) await this.directory.attachIdentity(manager, orgId, personId, identity);
    }
    return { created, updated };
  }

  private async importDated(
    manager: EntityManager,
    orgId: string,
    kind: 'memberships' | 'seats',
    records: Record<string, string>[],
    errors: ImportRowError[],
  ) {
    let created = 0;
    for (const [position, record] of records.entries()) {
      const row = position + 2;
      const rowErrors: ImportRowError[] = [];
      const personCell = record['person'] ?? '';
      const candidates = identityCandidates(personCell);
      const owners = personCell ? await this.directory.findPeopleByIdentities(manager, orgId, candidates.map((candidate) => candidate.value)) : new Map<string, string>();
      const personId = candidates.map((candidate) => owners.get(`${candidate.kind}:${candidate.value}`)).find((id) => id !== undefined);
      if (!personId) rowErrors.push({ row, column: 'person', message: 'no person has this email, login or external id (import people first)', value: personCell });
      const startDate = record['start_date'] ?? '';
      const endDate = record['end_date'] ?? '';
      const start = isoDate.safeParse(startDate);
      if (!start.success) rowErrors.push({ row, column: 'start_date', message: start.error.issues[0]!.message, value: startDate });
      if (endDate) {
        const end = isoDate.safeParse(endDate);
        if (!end.success) rowErrors.push({ row, column: 'end_date', message: end.error.issues[0]!.message, value: endDate });
        else if (start.success && endDate < startDate) rowErrors.push({ row, column: 'end_date', message: 'must not be before start_date', value: endDate });
      }
      const target = kind === 'memberships' ? (record['team'] ?? '') : (record['tool'] ?? '');
      if (!target) rowErrors.push({ row, column: kind === 'memberships' ? 'team' : 'tool', message: 'must not be empty' });
      if (rowErrors.length > 0 || !personId) {
        errors.push(...rowErrors);
        continue;
      }
      if (kind === 'memberships') {
        const team = await this.directory.ensureTeam(manager, orgId, target, record['department'] || undefined);
        const duplicate = await manager.findOneBy(MembershipEntity, { orgId, personId, teamId: team.id, startDate });
        if (duplicate) {
          await manager.update(MembershipEntity, { id: duplicate.id }, { endDate: endDate || null });
        } else {
          await manager.insert(MembershipEntity, { id: randomUUID(), orgId, personId, teamId: team.id, startDate, endDate: endDate || null });
          created += 1;
        }
      } else {
        const duplicate = await manager.findOneBy(SeatEntity, { orgId, personId, tool: target, startDate });
        if (duplicate) {
          await manager.update(SeatEntity, { id: duplicate.id }, { endDate: endDate || null });
        } else {
          await manager.insert(SeatEntity, { id: randomUUID(), orgId, personId, tool: target, startDate, endDate: endDate || null });
          created += 1;
        }
      }
    }
    return { created, updated: records.length - created - errors.length };
  }
}
