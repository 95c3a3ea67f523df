import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { AgencyDirectory } from '@common/access/agency-directory';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { DocumentsService } from '@modules/documents/documents.service';
import type { CaseShareEntity, ServiceUpdateEntity } from './case-share.entity';
import { ShareStatus, type CheckinRequestView, type CreateShareDto, type ShareView, type ServiceUpdateView } from './dto/share.dto';
import { SERVICE_UPDATES_TABLE } from './shared-fields';
import { SharesRepository } from './shares.repository';
import { NoActiveShareException, ShareExpiryOutOfRangeException, SharingConsentRequiredException, UnknownAgencyException } from './shares.exception';

/** A share never outlives this: need-to-know is re-decided at least twice a year. */
export const MAX_SHARE_DAYS = 180;
const DAY_MS = 86_400_000;

/** The staff side of shares: grant, list, revoke; ask partners for a check-in; read their updates. */
@Injectable()
export class SharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SharesRepository,
    private readonly access: CaseAccessService,
    private readonly journal: CaseJournal,
    private readonly sealer: CaseSealer,
    private readonly agencies: AgencyDirectory,
    private readonly events: PartnerEventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentsService,
  ) {}

  /** Grants (or re-grants, superseding) a share; refused without the person's consent to sharing. */
  create(ctx: RequestContext, reference: string, dto: CreateShareDto): Promise<ShareView> {
    const staff = staffOf(ctx);
    const now = this.clock.now();
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt <= now || expiresAt.getTime() > now.getTime() + MAX_SHARE_DAYS * DAY_MS) throw new ShareExpiryOutOfRangeException(MAX_SHARE_DAYS);
    return this.dataSource.transaction(async (tx) => {
      // The case row is locked: concurrent shares of one case serialise, so one stays active per agency.
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      if (!found.row.consentSharing) throw new SharingConsentRequiredException();
      if (!(await this.agencies.isActive(tx, dto.agencyId))) throw new UnknownAgencyException();
      const superseded = await this.repository.revokeActive(tx, found.row.id, dto.agencyId, now, 'superseded');
      const row: CaseShareEntity = {
        id: randomUUID(),
        caseId: found.row.id,
        agencyId: dto.agencyId,
        fields: [...dto.fields].sort(),
        purpose: dto.purpose,
        createdBy: staff.userId,
        createdAt: now,
        expiresAt,
        revokedAt: null,
        revokedBy: null,
      };
      await this.repository.insertShare(tx, row);
      const documentIds = await this.documents.grant(tx, 'share', row.id, found.row.id, dto.documentIds ?? []);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'SHARED',
        auditAction: 'case.shared',
        details: {
          shareId: row.id,
          agencyId: row.agencyId,
          fields: row.fields,
          purpose: row.purpose,
          expiresAt: expiresAt.toISOString(),
          superseded: superseded.length,
          documentIds,
        },
      });
      await this.events.publish(tx, {
        agencyIds: [row.agencyId],
        type: PartnerEventType.CaseShared,
        data: { shareId: row.id, caseReference: found.row.reference, purpose: row.purpose, expiresAt: expiresAt.toISOString() },
        dedupeKey: `share:${row.id}:created`,
      });
      return shareView(row, found.row.reference, now, documentIds);
    });
  }

  list(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<ShareView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const now = this.clock.now();
      const rows = await this.repository.sharesOfCase(tx, found.row.id, startAfter(query.cursor), query.limit);
      const granted = await this.documents.grantedTo(
        tx,
        'share',
        rows.map((row) => row.id),
      );
      return toPage(rows, query.limit, (row) => shareView(row, found.row.reference, now, granted.get(row.id) ?? []));
    });
  }

  /** Ends a share at once; revoking a share already ended changes nothing. */
  revoke(ctx: RequestContext, reference: string, shareId: string): Promise<ShareView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const share = await this.repository.findShare(tx, found.row.id, shareId, true);
      if (!share) throw new RecordNotFoundException('share');
      const now = this.clock.now();
      const documentIds = (await this.documents.grantedTo(tx, 'share', [share.id])).get(share.id) ?? [];
      if (share.revokedAt) return shareView(share, found.row.reference, now, documentIds);
      await this.repository.markRevoked(tx, share.id, now, staff.userId);
      await this.journal.record(tx, staff, ctx.requestId, found.row, {
        kind: 'SHARE_REVOKED',
        auditAction: 'case.share_revoked',
        details: { shareId: share.id, agencyId: share.agencyId },
      });
      await this.events.publish(tx, {
        agencyIds: [share.agencyId],
        type: PartnerEventType.CaseShareRevoked,
        data: { shareId: share.id, caseReference: found.row.reference },
        dedupeKey: `share:${share.id}:revoked`,
      });
      return shareView({ ...share, revokedAt: now, revokedBy: staff.userId }, found.row.reference, now, documentIds);
    });
  }

  /** Asks every agency holding an active share to check in with the person (`checkin.requested`). */
  requestCheckin(ctx: RequestContext, reference: string): Promise<CheckinRequestView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write');
      const now = this.clock.now();
      const agencyIds = await this.repository.agenciesSharing(tx, found.row.id, now);
      if (agencyIds.length === 0) throw new NoActiveShareException();
      const requestId = randomUUID();
      await this.events.publish(tx, {
        agencyIds,
        type: PartnerEventType.CheckinRequested,
        data: { requestId, caseReference: found.row.reference, requestedAt: now.toISOString() },
        dedupeKey: `checkin-request:${requestId}`,
      });
      await this.audit.record(tx, {
        actor: staff,
        action: 'checkin.requested',
        resourceType: 'case',
        resourceId: found.row.reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { agencies: agencyIds.length },
      });
      return { reference: found.row.reference, agencies: agencyIds.length };
    });
  }

  /** What partners reported on the case, notes opened for staff on the case (an audited read). */
  serviceUpdates(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<ServiceUpdateView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      const rows = await this.repository.serviceUpdates(tx, found.row.id, startAfter(query.cursor), query.limit);
      const dek = rows.some((row) => row.noteSealed) && !found.row.erasedAt ? await this.sealer.key(tx, found.row.id) : null;
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.service_updates_read',
        resourceType: 'case',
        resourceId: found.row.reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { count: Math.min(rows.length, query.limit) },
      });
      return toPage(rows, query.limit, (row: ServiceUpdateEntity) => ({
        id: row.id,
        reference: found.row.reference,
        agencyId: row.agencyId,
        type: row.type,
        occurredOn: row.occurredOn,
        recordedAt: row.createdAt.toISOString(),
        note: row.noteSealed && dek ? this.sealer.openText(dek, found.row.id, SERVICE_UPDATES_TABLE, 'note', row.id, row.noteSealed) : null,
      }));
    });
  }
}

export function shareStatus(row: Pick<CaseShareEntity, 'revokedAt' | 'expiresAt'>, now: Date): ShareStatus {
  if (row.revokedAt) return ShareStatus.REVOKED;
  return row.expiresAt <= now ? ShareStatus.EXPIRED : ShareStatus.ACTIVE;
}

function shareView(row: CaseShareEntity, reference: string, now: Date, documentIds: string[]): ShareView {
  return {
    documentIds,
    id: row.id,
    reference,
    agencyId: row.agencyId,
    fields: row.fields,
    purpose: row.purpose,
    status: shareStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
