import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { ChangeRolesDto, InviteStaffDto } from './dto/staff-admin.dto';
import { StaffAccountsService, type IssuedEnrolment, type StaffAccountView } from './staff-accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/staff')
export class StaffAdminController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Post()
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Invite a staff member (returns a one-time enrolment token)' })
  invite(@Ctx() ctx: RequestContext, @Body() body: InviteStaffDto): Promise<IssuedEnrolment> {
    return this.accounts.invite(ctx, body);
  }

  @Get()
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'List staff accounts' })
  list(@Query() query: PageQueryDto): Promise<Page<StaffAccountView>> {
    return this.accounts.list(query);
  }

  @Get(':id')
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'One staff account' })
  get(@Param('id', new RecordIdParam('staff account')) id: string): Promise<StaffAccountView> {
    return this.accounts.get(id);
  }

  @Put(':id/roles')
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: "Replace a staff member's roles (never your own; other admins are notified)" })
  changeRoles(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string, @Body() body: ChangeRolesDto): Promise<StaffAccountView> {
    return this.accounts.changeRoles(ctx, id, body.roles);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Deactivate an account; its sessions end at once' })
  deactivate(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<StaffAccountView> {
    return this.accounts.deactivate(ctx, id);
  }

  @Post(':id/authenticator-reset')
  @HttpCode(200)
  @Access(Permission.StaffManage)
  @ApiOperation({ summary: 'Reset a lost authenticator (returns a one-time enrolment token)' })
  resetAuthenticator(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('staff account')) id: string): Promise<IssuedEnrolment> {
    return this.accounts.resetAuthenticator(ctx, id);
  }
}
