import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A licence of an AI tool assigned to a person from `startDate` to `endDate` (inclusive; open when null). */
@Entity('seats')
@Index(['orgId', 'personId'])
export class SeatEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 64 })
  tool!: string;

  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10, nullable: true })
  endDate!: string | null;
}
