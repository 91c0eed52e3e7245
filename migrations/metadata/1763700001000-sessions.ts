import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Browser sessions (sign-in with an API token, session cookie). */
export class Sessions1763700001000 implements MigrationInterface {
  name = 'Sessions1763700001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'session_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'token_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: timestamp },
          { name: 'expires_at', type: timestamp },
        ],
        foreignKeys: [{ columnNames: ['token_id'], referencedTableName: 'api_tokens', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_sessions_token_id', columnNames: ['token_id'] }],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sessions', true);
  }
}
