import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The team that owns a repository: work items and incidents without a team are attributed to it. */
@Entity('repo_owners')
@Index(['orgId', 'repo'], { unique: true })
export class RepoOwnerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  /** the repository id as events carry it, e.g. `acme/payments-api` */
  @Column({ type: 'varchar', length: 300 })
  repo!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;
}
