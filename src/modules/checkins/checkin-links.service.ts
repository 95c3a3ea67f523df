import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { HttpConfig } from '@config/http.config';
import { CheckinsConfig } from '@config/checkins.config';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { issueLinkToken, linkPath } from './checkin-link-tokens';
import { CheckinLinkKind } from './checkin-links.entity';
import { CheckinLinksRepository } from './checkin-links.repository';
import { CheckinPinsIdenticalException, CheckinPinsNotSetException } from './checkins.exception';
import type { IssueCheckinLinkDto, SetCheckinPinsDto } from './dto/checkins.dto';
import { PinHasher } from './pin-hasher';

export interface IssuedCheckinLink {
  /** The full link to hand to the person: `PUBLIC_BASE_URL` + `path`. Shown once, never stored. */
  url: string;
  /** `/c/<token>`: shown once, never stored. */
  path: string;
  kind: CheckinLinkKind;
  expiresAt: string;
}

const HOUR_MS = 3_600_000;

/**
 * Check-in PINs and one-time links (spec 3.5), the staff side: PINs set at interview, links
 * issued. The public side (CheckinPageService) answers with one of a few fixed
 * pages: a safety-PIN and a duress-PIN check-in do the same work before answering (both hashes
 * verified, the same rows written) and get the same bytes; the duress escalation is opened
 * afterwards by the `checkin.link_used` job.
 */
@Injectable()
export class CheckinLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckinLinksRepository,
    private readonly access: CaseAccessService,
    private readonly hasher: PinHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CheckinsConfig) private readonly config: CheckinsConfig,
    @Inject(HttpConfig) private readonly http: HttpConfig,
  ) {}

  /** A caseworker sets both PINs during an interview. The values are never audited. */
  async setPinsByStaff(ctx: RequestContext, reference: string, dto: SetCheckinPinsDto): Promise<void> {
    const staff = staffOf(ctx);
    if (dto.safetyPin === dto.duressPin) throw new CheckinPinsIdenticalException();
    const [safetyPinHash, duressPinHash] = await Promise.all([this.hasher.hash(dto.safetyPin), this.hasher.hash(dto.duressPin)]);
    await this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write');
      await this.repository.savePins(tx, { caseId: found.row.id, safetyPinHash, duressPinHash, setAt: this.clock.now(), setBy: staff.userId });
      await this.audit.record(tx, {
        actor: staff,
        action: 'checkin.pins_set',
        resourceType: 'case',
        resourceId: found.row.reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { by: 'staff' },
      });
    });
  }

  async issueLink(ctx: RequestContext, reference: string, dto: IssueCheckinLinkDto): Promise<IssuedCheckinLink> {
    const staff = staffOf(ctx);
    const kind = dto.kind ?? CheckinLinkKind.CHECKIN;
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write');
      if (kind === CheckinLinkKind.CHECKIN && !(await this.repository.findPins(found.row.id, tx))) throw new CheckinPinsNotSetException();
      const { token, hash } = issueLinkToken();
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + this.config.linkTtlHours * HOUR_MS);
      const id = randomUUID();
      await this.repository.insertLink(tx, {
        id,
        caseId: found.row.id,
        kind,
        tokenHash: hash,
        createdAt: now,
        createdBy: staff.userId,
        expiresAt,
        spentAt: null,
        failedAttempts: 0,
      });
      await this.audit.record(tx, {
        actor: staff,
        action: 'checkin_link.issued',
        resourceType: 'checkin_link',
        resourceId: id,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { kind, expiresAt: expiresAt.toISOString() },
      });
      const path = linkPath(token);
      return { url: `${this.http.publicBase}${path}`, path, kind, expiresAt: expiresAt.toISOString() };
    });
  }
}
