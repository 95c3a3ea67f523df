import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import type { RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { CheckinsConfig } from '@config/checkins.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import { RateLimiter } from '@infra/redis/rate-limiter';
import { AuditService } from '@modules/audit/audit.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseStage } from '@modules/cases/domain/case-stage';
import { hashLinkToken, looksLikeLinkToken } from './checkin-link-tokens';
import { CheckinLinkKind, type CheckinLinkEntity } from './checkin-links.entity';
import { CheckinLinksRepository } from './checkin-links.repository';
import { CHECKIN_FORM, CONFIRMED_PAGE, ENROL_FORM, ENROL_FORM_RETRY, NOT_CONFIRMED_PAGE } from './checkin-page';
import { CheckinSource, CheckinsService } from './checkins.service';
import { CheckinChannel } from './dto/checkins.dto';
import { PIN_PATTERN, PinHasher } from './pin-hasher';

const PERSON: Actor = { kind: 'anonymous' };

/**
 * The public side of check-in links (spec 3.5): it answers with one of a few fixed pages. A
 * safety-PIN and a duress-PIN check-in do the same work before answering (both hashes verified,
 * the same rows written) and get the same bytes; the duress escalation is opened afterwards by the
 * `checkin.link_used` job (CheckinLinksHandler).
 */
@Injectable()
export class CheckinPageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckinLinksRepository,
    private readonly checkins: CheckinsService,
    private readonly cases: CaseFactsService,
    private readonly hasher: PinHasher,
    private readonly limiter: RateLimiter,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CheckinsConfig) private readonly config: CheckinsConfig,
  ) {}

  /** GET: the enrolment form for a live ENROL link, the PIN form for anything else. */
  async form(token: string): Promise<string> {
    if (!looksLikeLinkToken(token)) return CHECKIN_FORM;
    const link = await this.repository.findLinkByHash(hashLinkToken(token));
    return link && link.kind === CheckinLinkKind.ENROL && this.isLive(link) ? ENROL_FORM : CHECKIN_FORM;
  }

  /** POST: one of the fixed pages. Never throws a domain error: every failure is the same page. */
  async submit(ctx: RequestContext, token: string, body: unknown): Promise<string> {
    const tokenHash = hashLinkToken(token);
    const pin = field(body, 'pin');
    const pin2 = field(body, 'pin2');
    const window = this.config.linkRateLimitWindowSeconds;
    const [byIp, byToken] = await Promise.all([
      this.limiter.hit(`checkin-link:ip:${ctx.ip}`, this.config.linkRateLimitPerIp, window),
      this.limiter.hit(`checkin-link:token:${tokenHash}`, this.config.linkRateLimitPerToken, window),
    ]);
    if (!byIp.allowed || !byToken.allowed) {
      await this.audit.recordAlone({
        actor: PERSON,
        action: 'checkin_link.rate_limited',
        resourceType: 'checkin_link',
        requestId: ctx.requestId,
        details: { limiter: byIp.allowed ? 'token' : 'ip' },
      });
      return NOT_CONFIRMED_PAGE;
    }
    return this.dataSource.transaction(async (tx) => {
      const link = looksLikeLinkToken(token) ? await this.repository.lockLinkByHash(tx, tokenHash) : null;
      if (link && link.kind === CheckinLinkKind.ENROL) return this.enrol(tx, ctx, link, pin, pin2);
      return this.checkIn(tx, ctx, link, pin);
    });
  }

  private async checkIn(tx: EntityManager, ctx: RequestContext, link: CheckinLinkEntity | null, pin: string): Promise<string> {
    const live = link !== null && this.isLive(link) ? link : null;
    const pins = live ? await this.repository.findPins(live.caseId, tx) : null;
    // Both hashes, always (dummies when there is nothing to compare): the same work whichever PIN.
    const [safety, duress] = await Promise.all([this.hasher.verify(pins?.safetyPinHash ?? null, pin), this.hasher.verify(pins?.duressPinHash ?? null, pin)]);
    if (!live) return NOT_CONFIRMED_PAGE;
    if (!safety && !duress) {
      await this.rejectPin(tx, ctx, live);
      return NOT_CONFIRMED_PAGE;
    }
    const facts = await this.cases.find(tx, live.caseId);
    if (!facts || facts.erased || facts.stage === CaseStage.CLOSED) return NOT_CONFIRMED_PAGE;
    await this.repository.updateLink(tx, live.id, { spentAt: this.clock.now() });
    const target = { caseId: facts.id, reference: facts.reference, stage: facts.stage, priority: facts.priority };
    const recorded = await this.checkins.record(tx, target, {
      channel: CheckinChannel.MESSAGE,
      source: CheckinSource.LINK,
      actor: PERSON,
      recordedBy: `link:${live.id}`,
      requestId: ctx.requestId,
    });
    // Recorded for either PIN, so the two paths write the same rows; only the job reads the flag.
    await this.outbox.record(tx, {
      job: JobName.CheckinLinkUsed,
      payload: { caseId: facts.id, checkinId: recorded.id, duress: duress && !safety },
      dedupeKey: `checkin.link_used:${live.id}`,
    });
    return CONFIRMED_PAGE;
  }

  private async enrol(tx: EntityManager, ctx: RequestContext, link: CheckinLinkEntity, pin: string, pin2: string): Promise<string> {
    if (!this.isLive(link)) return NOT_CONFIRMED_PAGE;
    if (!PIN_PATTERN.test(pin) || !PIN_PATTERN.test(pin2) || pin === pin2) return ENROL_FORM_RETRY;
    const facts = await this.cases.find(tx, link.caseId);
    if (!facts || facts.erased || facts.stage === CaseStage.CLOSED) return NOT_CONFIRMED_PAGE;
    const [safetyPinHash, duressPinHash] = await Promise.all([this.hasher.hash(pin), this.hasher.hash(pin2)]);
    await this.repository.savePins(tx, { caseId: link.caseId, safetyPinHash, duressPinHash, setAt: this.clock.now(), setBy: `link:${link.id}` });
    await this.repository.updateLink(tx, link.id, { spentAt: this.clock.now() });
    await this.audit.record(tx, {
      actor: PERSON,
      action: 'checkin.pins_set',
      resourceType: 'case',
      resourceId: facts.reference,
      caseId: facts.id,
      requestId: ctx.requestId,
      details: { by: 'link', linkId: link.id },
    });
    return CONFIRMED_PAGE;
  }

  /** A wrong PIN counts; the link is spent at the configured number of attempts. */
  private async rejectPin(tx: EntityManager, ctx: RequestContext, link: CheckinLinkEntity): Promise<void> {
    const failedAttempts = link.failedAttempts + 1;
    const spent = failedAttempts >= this.config.linkMaxAttempts;
    await this.repository.updateLink(tx, link.id, { failedAttempts, ...(spent ? { spentAt: this.clock.now() } : {}) });
    await this.audit.record(tx, {
      actor: PERSON,
      action: 'checkin_link.pin_rejected',
      resourceType: 'checkin_link',
      resourceId: link.id,
      caseId: link.caseId,
      requestId: ctx.requestId,
      details: { failedAttempts, spent },
    });
  }

  private isLive(link: CheckinLinkEntity): boolean {
    return link.spentAt === null && link.expiresAt.getTime() > this.clock.nowMs();
  }
}

/** A string field of a parsed form (or JSON) body; anything else reads as empty. */
function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, 64) : '';
}
