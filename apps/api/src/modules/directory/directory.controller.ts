import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { parseBody } from '../../common/validation';
import { CurrentPrincipal, RequireRole, type Principal } from '../auth/auth.decorators';
import { DirectoryService } from './directory.service';
import {
  createDepartmentDto,
  createMembershipDto,
  createPersonDto,
  createRolloutPhaseDto,
  createSeatDto,
  createTeamDto,
  endDto,
  identityInput,
  mergePeopleDto,
  putRepoOwnerDto,
  updatePersonDto,
  updateTeamDto,
} from './dto/directory.dto';

/** The org's people-and-teams directory: viewers read, admins write. */
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('departments')
  listDepartments(@CurrentPrincipal() principal: Principal) {
    return this.directory.listDepartments(principal.orgId);
  }

  @Post('departments')
  @RequireRole('admin')
  createDepartment(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.directory.createDepartment(principal.orgId, parseBody(createDepartmentDto, body).name);
  }

  @Delete('departments/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteDepartment(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteDepartment(principal.orgId, id);
  }

  @Get('teams')
  listTeams(@CurrentPrincipal() principal: Principal) {
    return this.directory.listTeams(principal.orgId);
  }

  @Post('teams')
  @RequireRole('admin')
  createTeam(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.directory.createTeam(principal.orgId, parseBody(createTeamDto, body));
  }

  @Patch('teams/:id')
  @RequireRole('admin')
  updateTeam(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.updateTeam(principal.orgId, id, parseBody(updateTeamDto, body));
  }

  @Delete('teams/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteTeam(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteTeam(principal.orgId, id);
  }

  @Get('people')
  listPeople(@CurrentPrincipal() principal: Principal) {
    return this.directory.listPeople(principal.orgId);
  }

  @Get('people/:id')
  getPerson(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.directory.getPerson(principal.orgId, id);
  }

  @Post('people')
  @RequireRole('admin')
  createPerson(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.directory.createPerson(principal.orgId, parseBody(createPersonDto, body));
  }

  @Patch('people/:id')
  @RequireRole('admin')
  updatePerson(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.updatePerson(principal.orgId, id, parseBody(updatePersonDto, body));
  }

  @Delete('people/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deletePerson(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deletePerson(principal.orgId, id);
  }

  @Post('people/:id/identities')
  @RequireRole('admin')
  addIdentity(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.addIdentity(principal.orgId, id, parseBody(identityInput, body));
  }

  @Delete('people/:id/identities/:identityId')
  @RequireRole('admin')
  removeIdentity(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('identityId') identityId: string) {
    return this.directory.removeIdentity(principal.orgId, id, identityId);
  }

  @Post('people/:id/merge')
  @RequireRole('admin')
  mergePeople(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.mergePeople(principal.orgId, id, parseBody(mergePeopleDto, body).personId);
  }

  @Post('people/:id/memberships')
  @RequireRole('admin')
  addMembership(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.addMembership(principal.orgId, id, parseBody(createMembershipDto, body));
  }

  @Post('memberships/:id/end')
  @RequireRole('admin')
  @HttpCode(204)
  async endMembership(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    await this.directory.endMembership(principal.orgId, id, parseBody(endDto, body).endDate);
  }

  @Delete('memberships/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteMembership(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteMembership(principal.orgId, id);
  }

  @Post('people/:id/seats')
  @RequireRole('admin')
  addSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.directory.addSeat(principal.orgId, id, parseBody(createSeatDto, body));
  }

  @Post('seats/:id/end')
  @RequireRole('admin')
  @HttpCode(204)
  async endSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    await this.directory.endSeat(principal.orgId, id, parseBody(endDto, body).endDate);
  }

  @Delete('seats/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteSeat(principal.orgId, id);
  }

  @Get('repos')
  listRepoOwners(@CurrentPrincipal() principal: Principal) {
    return this.directory.listRepoOwners(principal.orgId);
  }

  @Put('repos')
  @RequireRole('admin')
  putRepoOwner(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.directory.putRepoOwner(principal.orgId, parseBody(putRepoOwnerDto, body));
  }

  @Delete('repos/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteRepoOwner(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteRepoOwner(principal.orgId, id);
  }

  @Get('rollout-phases')
  listRolloutPhases(@CurrentPrincipal() principal: Principal) {
    return this.directory.listRolloutPhases(principal.orgId);
  }

  @Post('rollout-phases')
  @RequireRole('admin')
  createRolloutPhase(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.directory.createRolloutPhase(principal.orgId, parseBody(createRolloutPhaseDto, body));
  }

  @Delete('rollout-phases/:id')
  @RequireRole('admin')
  @HttpCode(204)
  async deleteRolloutPhase(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.directory.deleteRolloutPhase(principal.orgId, id);
  }
}
