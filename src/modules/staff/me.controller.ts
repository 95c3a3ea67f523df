import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { AuthService, type SessionView } from './auth.service';
import { ChangePasswordDto } from './dto/auth.dto';
import { StreamTicketView } from './dto/stream-ticket.view';
import { StreamTickets } from './stream-tickets';
import { ApiProblemResponses } from '@infra/http/problem.view';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly tickets: StreamTickets,
  ) {}

  @Post('events/ticket')
  @HttpCode(201)
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'A single-use ticket (30 s) to open GET /api/v1/me/events?ticket=… from a browser EventSource, which cannot send Authorization' })
  @ApiCreatedResponse({ type: StreamTicketView })
  @ApiProblemResponses(401, 503)
  streamTicket(@Ctx() ctx: RequestContext): Promise<StreamTicketView> {
    return this.tickets.issue(ctx);
  }

  @Get('sessions')
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'My live sessions' })
  sessions(@Ctx() ctx: RequestContext): Promise<SessionView[]> {
    return this.auth.listSessions(ctx);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'End one of my sessions' })
  revokeSession(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('session')) id: string): Promise<void> {
    return this.auth.revokeSession(ctx, id);
  }

  @Post('password')
  @HttpCode(204)
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'Change my password (ends my other sessions)' })
  changePassword(@Ctx() ctx: RequestContext, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(ctx, body);
  }
}
