import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { ChangeRolesDto, InviteStaffDto } from './dto/staff-admin.dto';
import { StaffAccountsService, type CredentialResetRequestView, type IssuedEnrolment } from './staff-accounts.service';
import { CredentialResetRequestView as CredentialResetRequestDoc, IssuedEnrolmentView, StaffAccountPage, StaffAccountView } from './dto/staff-admin.views';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/staff')
export class StaffAdminController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Post()
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Invite a staff member (returns a one-time enrolment token)' })
  @ApiCreatedResponse({ type: IssuedEnrolmentView })
  @ApiProblemResponses(409, 422)
  invite(@Ctx() ctx: RequestContext, @Body() body: InviteStaffDto): Promise<IssuedEnrolment> {
    return this.accounts.invite(ctx, body);
  }

  @Get()
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'List staff accounts' })
  @ApiOkResponse({ type: StaffAccountPage })
  list(@Query() query: PageQueryDto): Promise<Page<StaffAccountView>> {
    return this.accounts.list(query);
  }

  @Get(':id')
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: StaffAccountView })
  get(@Param('id', new RecordIdParam('staff account')) id: string): Promise<StaffAccountView> {
    return this.accounts.get(id);
  }

  @Put(':id/roles')
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: "Replace a staff member's roles (never your own; other admins are notified)" })
  @ApiOkResponse({ type: StaffAccountView })
  changeRoles(
    @Ctx() ctx: RequestContext,
    @Param('id', new RecordIdParam('staff account')) id: string,
    @Body() body: ChangeRolesDto,
  ): Promise<StaffAccountView> {
    return this.accounts.changeRoles(ctx, id, body.roles);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Deactivate an account; its sessions end at once' })
  @ApiOkResponse({ type: StaffAccountView })
  deactivate(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<StaffAccountView> {
    return this.accounts.deactivate(ctx, id);
  }

  @Post(':id/authenticator-reset')
  @HttpCode(200)
  @Access(Permission.StaffManage)
  @ApiOperation({
    summary: "Reset a lost authenticator: the one-time token works only with the owner's current password (owner and other admins notified)",
  })
  @ApiOkResponse({ type: IssuedEnrolmentView })
  resetAuthenticator(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<IssuedEnrolment> {
    return this.accounts.resetAuthenticator(ctx, id);
  }

  @Post(':id/credential-reset')
  @HttpCode(202)
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Password and authenticator both lost: ask for a reset, which a second admin must approve (owner and other admins notified)' })
  @ApiAcceptedResponse({ type: CredentialResetRequestDoc })
  @ApiProblemResponses(409)
  requestCredentialReset(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<CredentialResetRequestView> {
    return this.accounts.requestCredentialReset(ctx, id);
  }

  @Post(':id/credential-reset/approval')
  @HttpCode(200)
  @Access(Permission.StaffManage)
  @ApiOperation({
    summary: "Approve another admin's credential reset (returns a one-time enrolment token for the owner; the owner is told who asked and who approved)",
  })
  @ApiOkResponse({ type: IssuedEnrolmentView })
  @ApiProblemResponses(409)
  approveCredentialReset(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<IssuedEnrolment> {
    return this.accounts.approveCredentialReset(ctx, id);
  }
}
