import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type IdentityKind = 'email' | 'login' | 'external_id';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['email', 'login', 'external_id'];

/**
 * One alias of a person: an email (stored lower-cased), a login (git, code review, tracker) or an
 * external id (IDE account). Each value belongs to at most one person of the org.
 */
@Entity('identities')
@Index(['orgId', 'kind', 'value'], { unique: true })
@Index(['personId'])
export class IdentityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: IdentityKind;

  @Column({ type: 'varchar', length: 320 })
  value!: string;
}
