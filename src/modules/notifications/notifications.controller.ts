import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { NotificationsService, type NotificationView } from './notifications.service';
import { NotificationPage } from './dto/notifications.views';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'My inbox, newest first' })
  @ApiOkResponse({ type: NotificationPage })
  inbox(@Ctx() ctx: RequestContext, @Query() query: InboxQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.inbox(ctx, query);
  }

  @Post(':id/read')
  @HttpCode(204)
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiNoContentResponse({ description: 'Done' })
  markRead(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('notification')) id: string): Promise<void> {
    return this.notifications.markRead(ctx, id);
  }
}
