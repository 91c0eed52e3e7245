import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A team; `name` is what events carry in `context.team` and what metrics group by. */
@Entity('teams')
@Index(['orgId', 'name'], { unique: true })
export class TeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId!: string | null;
}
