import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A stage of the AI rollout (pilot, promotion, general availability…) drawn over adoption and outcomes. */
@Entity('rollout_phases')
@Index(['orgId', 'startDate'])
export class RolloutPhaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate!: string;

  /** share of developers the phase aims to reach, 0..1 */
  @Column({ name: 'target_share', type: 'float' })
  targetShare!: number;
}
