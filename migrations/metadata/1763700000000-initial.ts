import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Orgs, API tokens and ingest keys. Written with TypeORM's Table API so it runs on SQLite and PostgreSQL. */
export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const now = queryRunner.connection.driver.options.type === 'postgres' ? 'now()' : "(datetime('now'))";
    await queryRunner.createTable(
      new Table({
        name: 'orgs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'slug', type: 'varchar', length: '100', isUnique: true },
          { name: 'time_zone', type: 'varchar', length: '64', default: "'UTC'" },
          { name: 'created_at', type: timestamp, default: now },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'token_prefix', type: 'varchar', length: '16' },
          { name: 'created_at', type: timestamp, default: now },
          { name: 'revoked_at', type: timestamp, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['org_id'], referencedTableName: 'orgs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_api_tokens_org_id', columnNames: ['org_id'] }],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'ingest_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'key_prefix', type: 'varchar', length: '16' },
          { name: 'created_at', type: timestamp, default: now },
          { name: 'revoked_at', type: timestamp, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['org_id'], referencedTableName: 'orgs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_ingest_keys_org_id', columnNames: ['org_id'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ingest_keys', true);
    await queryRunner.dropTable('api_tokens', true);
    await queryRunner.dropTable('orgs', true);
  }
}
