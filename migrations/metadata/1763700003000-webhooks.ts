import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Webhooks into the collector (GitHub, GitLab, Jira); the secret is stored encrypted. */
export class Webhooks1763700003000 implements MigrationInterface {
  name = 'Webhooks1763700003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.driver.options.type === 'postgres';
    const timestamp = isPostgres ? 'timestamptz' : 'datetime';
    const now = isPostgres ? 'now()' : "(datetime('now'))";
    await queryRunner.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'provider', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'secret_ciphertext', type: 'text' },
          { name: 'mapping', type: 'text' },
          { name: 'created_at', type: timestamp, default: now },
        ],
        foreignKeys: [{ columnNames: ['org_id'], referencedTableName: 'orgs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_webhooks_org_id', columnNames: ['org_id'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhooks', true);
  }
}
