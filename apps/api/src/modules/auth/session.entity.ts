import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP_COLUMN } from '../metadata/column-types';

/**
 * A browser session opened by signing in with an API token. The cookie holds a random session id;
 * only its SHA-256 is stored. The session acts with its token's org and role, and ends when the token
 * is revoked, the session expires, or the user signs out.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ name: 'session_hash', type: 'varchar', length: 64 })
  sessionHash!: string;

  @Index()
  @Column({ name: 'token_id', type: 'varchar', length: 36 })
  tokenId!: string;

  @Column({ name: 'created_at', type: TIMESTAMP_COLUMN })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: TIMESTAMP_COLUMN })
  expiresAt!: Date;
}
