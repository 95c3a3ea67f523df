import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { SseSink } from '@infra/http/sse';
import { Ctx } from '@modules/access/request-context.decorator';
import { EventStreamQueryDto } from './dto/event-stream-query.dto';
import { NotificationStreamService } from './notification-stream.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me/events')
export class NotificationEventsController {
  constructor(private readonly streams: NotificationStreamService) {}

  @Get()
  @Access(Permission.StaffEvents)
  @ApiOperation({
    summary: 'My notifications as Server-Sent Events, as they are created (any API replica)',
    description:
      'Each event: `id` = notification id, `event: notification`, `data` = the inbox item (kinds, ids and references only). ' +
      'Comment lines (`: heartbeat`) every 15 s. Resume with `Last-Event-ID` (or `?lastEventId=`): rows after it are replayed first. ' +
      'The stream ends with `event: end` (`data.reason`: `session-ended`, `lockdown`, `shutdown`) when the session is revoked or expires, the system locks down, or the server stops. ' +
      'Authenticate with the bearer token, or from a browser EventSource with `?ticket=` from POST /api/v1/me/events/ticket.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last notification id received.' })
  @ApiOkResponse({
    description: 'An open event stream.',
    content: {
      'text/event-stream': { schema: { type: 'string' }, example: 'id: 5b2f…\nevent: notification\ndata: {"id":"5b2f…","kind":"escalation.raised",…}\n\n' },
    },
  })
  @ApiProblemResponses(400, 401, 503)
  async stream(@Ctx() ctx: RequestContext, @Query() query: EventStreamQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const header = request.headers['last-event-id'];
    const lastEventId = query.lastEventId ?? (typeof header === 'string' && UUID.test(header) ? header : null);
    await this.streams.prepare();
    const sink = SseSink.open(request, reply);
    // The response is ours now: a failure ends the stream (the client reconnects and resumes).
    await this.streams.open(ctx, lastEventId, sink).catch(() => sink.end());
  }
}
