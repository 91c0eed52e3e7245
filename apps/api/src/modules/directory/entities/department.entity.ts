import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('departments')
@Index(['orgId', 'name'], { unique: true })
export class DepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
