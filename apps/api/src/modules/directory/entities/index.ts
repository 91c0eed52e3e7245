import { DepartmentEntity } from './department.entity';
import { IdentityEntity } from './identity.entity';
import { MembershipEntity } from './membership.entity';
import { PersonEntity } from './person.entity';
import { RepoOwnerEntity } from './repo-owner.entity';
import { RolloutPhaseEntity } from './rollout-phase.entity';
import { SeatEntity } from './seat.entity';
import { TeamEntity } from './team.entity';

export const DIRECTORY_ENTITIES = [
  DepartmentEntity,
  TeamEntity,
  PersonEntity,
  IdentityEntity,
  MembershipEntity,
  SeatEntity,
  RepoOwnerEntity,
  RolloutPhaseEntity,
];
