import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('orgs')
export class OrgEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  slug!: string;

  /** IANA zone in which the org's days, weeks, months and quarters are cut. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;

  /** Share of a developer's time spent writing code: the seed of estimated_efficiency_gain. */
  @Column({ name: 'coding_time_share', type: 'float', default: 0.32 })
  codingTimeShare!: number;

  /** PR labels that mark a PR as AI-assisted (ai_assisted_pr_share). */
  @Column({ name: 'ai_pr_labels', type: 'simple-json' })
  aiPrLabels!: string[];

  /** Per-person figures are hidden from non-admins in groups smaller than this. */
  @Column({ name: 'privacy_min_group_size', type: 'integer', default: 5 })
  privacyMinGroupSize!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
