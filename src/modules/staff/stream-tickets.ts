import { Injectable } from '@nestjs/common';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { RedisClient } from '@infra/redis/redis-client';
import { hashCredential, issueCredential, looksLike } from './credential-tokens';

export const STREAM_TICKET_TTL_SECONDS = 30;

export interface IssuedStreamTicket {
  ticket: string;
  expiresAt: string;
}

export class StreamTicketsUnavailableException extends DomainException {
  constructor() {
    super('stream-tickets-unavailable', FailureKind.Unavailable, 'Live events are unavailable right now. Try again shortly.');
  }
}

/**
 * Single-use tickets for the event stream: a browser's EventSource cannot send an Authorization
 * header, and an access token must not travel in a URL (proxies and browsers log URLs). A ticket
 * is worth one stream open within 30 seconds, for the session that asked for it. Redis holds
 * only its SHA-256; GETDEL spends it atomically across replicas.
 */
@Injectable()
export class StreamTickets {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  async issue(ctx: RequestContext): Promise<IssuedStreamTicket> {
    const principal = staffOf(ctx);
    const { token, hash } = issueCredential('StreamTicket');
    try {
      await this.redis.client.set(key(hash), principal.sessionId, 'EX', STREAM_TICKET_TTL_SECONDS);
    } catch {
      throw new StreamTicketsUnavailableException();
    }
    return { ticket: token, expiresAt: new Date(this.clock.nowMs() + STREAM_TICKET_TTL_SECONDS * 1000).toISOString() };
  }

  /** The session the ticket was issued to, spending the ticket; null for anything else. */
  async redeem(ticket: string): Promise<string | null> {
    if (!looksLike('StreamTicket', ticket)) return null;
    try {
      return await this.redis.client.getdel(key(hashCredential(ticket)));
    } catch {
      return null;
    }
  }
}

const key = (hash: string): string => `stream-ticket:${hash}`;
