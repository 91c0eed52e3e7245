import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's membership of a team from `startDate` to `endDate` (inclusive; open when null). */
@Entity('team_memberships')
@Index(['orgId', 'personId'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;

  /** YYYY-MM-DD in the org's time zone */
  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10, nullable: true })
  endDate!: string | null;
}
