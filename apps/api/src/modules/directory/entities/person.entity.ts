import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A developer (or a bot). Events reach a person through any of its identities. */
@Entity('people')
@Index(['orgId'])
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Bots never count as developers in any metric. */
  @Column({ name: 'is_bot', type: 'boolean', default: false })
  isBot!: boolean;
}
