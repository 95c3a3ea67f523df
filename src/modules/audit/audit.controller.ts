import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditEventPage } from './dto/audit-event.view';
import { AuditVerificationView } from './dto/audit-verification.view';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get('events')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Sealed audit events, newest first, filtered, with keyset pagination (this read is audited)' })
  @ApiOkResponse({ type: AuditEventPage })
  list(@Query() query: ListAuditEventsQuery, @Ctx() ctx: RequestContext): Promise<AuditEventPage> {
    return this.auditLog.list(query, ctx);
  }

  @Get('verification')
  @Access(Permission.AuditRead)
  @ApiOperation({ summary: 'Chain status: sealed count, head, unsealed tail, first broken link (verified incrementally)' })
  @ApiOkResponse({ type: AuditVerificationView })
  verification(@Ctx() ctx: RequestContext): Promise<AuditVerificationView> {
    return this.auditLog.verification(ctx);
  }
}
