import { Table, TableColumn, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** The directory: departments, teams, people and their identities, memberships, seats, repo owners, rollout phases; org settings. */
export class Directory1763700002000 implements MigrationInterface {
  name = 'Directory1763700002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const orgId: TableColumnOptions = { name: 'org_id', type: 'varchar', length: '36' };
    const orgForeignKey = { columnNames: ['org_id'], referencedTableName: 'orgs', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    const personForeignKey = { columnNames: ['person_id'], referencedTableName: 'people', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    const teamForeignKey = { columnNames: ['team_id'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable });

    await queryRunner.addColumns('orgs', [
      new TableColumn({ name: 'coding_time_share', type: 'float', default: 0.32 }),
      new TableColumn({ name: 'ai_pr_labels', type: 'text', default: `'["ai-assisted","claude-code-assisted","copilot"]'` }),
      new TableColumn({ name: 'privacy_min_group_size', type: 'integer', default: 5 }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'departments',
        columns: [id, orgId, { name: 'name', type: 'varchar', length: '200' }],
        foreignKeys: [orgForeignKey],
        indices: [{ name: 'IDX_departments_org_name', columnNames: ['org_id', 'name'], isUnique: true }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'teams',
        columns: [id, orgId, { name: 'name', type: 'varchar', length: '200' }, { name: 'department_id', type: 'varchar', length: '36', isNullable: true }],
        foreignKeys: [
          orgForeignKey,
          { columnNames: ['department_id'], referencedTableName: 'departments', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
        indices: [{ name: 'IDX_teams_org_name', columnNames: ['org_id', 'name'], isUnique: true }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'people',
        columns: [id, orgId, { name: 'name', type: 'varchar', length: '200' }, { name: 'is_bot', type: 'boolean', default: false }],
        foreignKeys: [orgForeignKey],
        indices: [{ name: 'IDX_people_org', columnNames: ['org_id'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'identities',
        columns: [
          id,
          orgId,
          { name: 'person_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'value', type: 'varchar', length: '320' },
        ],
        foreignKeys: [orgForeignKey, personForeignKey],
        indices: [
          { name: 'IDX_identities_org_kind_value', columnNames: ['org_id', 'kind', 'value'], isUnique: true },
          { name: 'IDX_identities_person', columnNames: ['person_id'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'team_memberships',
        columns: [id, orgId, { name: 'person_id', type: 'varchar', length: '36' }, { name: 'team_id', type: 'varchar', length: '36' }, date('start_date'), date('end_date', true)],
        foreignKeys: [orgForeignKey, personForeignKey, teamForeignKey],
        indices: [{ name: 'IDX_team_memberships_org_person', columnNames: ['org_id', 'person_id'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'seats',
        columns: [id, orgId, { name: 'person_id', type: 'varchar', length: '36' }, { name: 'tool', type: 'varchar', length: '64' }, date('start_date'), date('end_date', true)],
        foreignKeys: [orgForeignKey, personForeignKey],
        indices: [{ name: 'IDX_seats_org_person', columnNames: ['org_id', 'person_id'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'repo_owners',
        columns: [id, orgId, { name: 'repo', type: 'varchar', length: '300' }, { name: 'team_id', type: 'varchar', length: '36' }],
        foreignKeys: [orgForeignKey, teamForeignKey],
        indices: [{ name: 'IDX_repo_owners_org_repo', columnNames: ['org_id', 'repo'], isUnique: true }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'rollout_phases',
        columns: [id, orgId, { name: 'name', type: 'varchar', length: '200' }, date('start_date'), { name: 'target_share', type: 'float' }],
        foreignKeys: [orgForeignKey],
        indices: [{ name: 'IDX_rollout_phases_org_start', columnNames: ['org_id', 'start_date'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rollout_phases', 'repo_owners', 'seats', 'team_memberships', 'identities', 'people', 'teams', 'departments']) {
      await queryRunner.dropTable(table, true);
    }
    await queryRunner.dropColumn('orgs', 'privacy_min_group_size');
    await queryRunner.dropColumn('orgs', 'ai_pr_labels');
    await queryRunner.dropColumn('orgs', 'coding_time_share');
  }
}
