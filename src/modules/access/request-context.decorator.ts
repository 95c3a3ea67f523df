import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '@common/access/request-context';

export type CorridorRequest = FastifyRequest & { corridor?: RequestContext };

export function requestContextOf(request: CorridorRequest): RequestContext {
  request.corridor ??= { requestId: String(request.id), ip: request.ip };
  return request.corridor;
}

/** The request's context: request id, client address and the authenticated principal. */
export const Ctx = createParamDecorator((_: unknown, execution: ExecutionContext): RequestContext =>
  requestContextOf(execution.switchToHttp().getRequest<CorridorRequest>()),
);
