import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { partnerOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { storeIdempotentAnswer } from '@infra/http/idempotency/idempotent-answer';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService, type AccessibleCase } from '@modules/cases/case-access.service';
import { CaseJournal } from '@modules/cases/case-journal';
import { CaseSealer } from '@modules/cases/case-sealer';
import { CheckinSource, CheckinsService } from '@modules/checkins/checkins.service';
import type { CaseShareEntity } from './case-share.entity';
import type { PartnerCaseView, PartnerCheckinDto, PartnerCheckinView, ServiceUpdateDto, ServiceUpdateReceiptView } from './dto/share.dto';
import { fieldGroupsFor, SERVICE_UPDATES_TABLE, SharedField } from './shared-fields';
import { SharesRepository } from './shares.repository';

/**
 * The partner side of shared cases. Every route re-reads the agency's active share at the clock's
 * present inside its transaction (through the case access policy), so a revoked or expired share
 * answers 404 on the very next request; only the shared fields' groups are decrypted, and only the
 * shared part of each leaves. Every read is audited.
 */
@Injectable()
export class PartnerCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SharesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly checkins: CheckinsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(ctx: RequestContext, query: PageQueryDto): Promise<Page<PartnerCaseView>> {
    const partner = partnerOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const shares = await this.repository.activeSharesOfAgency(tx, partner.agencyId, this.clock.now(), startAfter(query.cursor), query.limit);
      const views: PartnerCaseView[] = [];
      for (const share of shares.slice(0, query.limit)) views.push(await this.readShared(tx, ctx, share.reference));
      const page = toPage(shares, query.limit, (share) => share.reference);
      return { items: views, nextCursor: page.nextCursor };
    });
  }

  read(ctx: RequestContext, reference: string): Promise<PartnerCaseView> {
    return this.dataSource.transaction((tx) => this.readShared(tx, ctx, reference));
  }

  /** A check-in the agency made with the person: restarts the schedule, resolves MISSED_CHECKIN. */
  recordCheckin(ctx: RequestContext, reference: string, dto: PartnerCheckinDto): Promise<PartnerCheckinView> {
    const partner = partnerOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const { found } = await this.requireShared(tx, ctx, reference);
      const recorded = await this.checkins.record(
        tx,
        { caseId: found.row.id, reference: found.row.reference, stage: found.row.stage, priority: found.row.priority },
        { channel: dto.channel, source: CheckinSource.PARTNER, actor: partner, recordedBy: partner.agencyId, note: dto.note, requestId: ctx.requestId },
      );
      // The Idempotency-Key's answer commits with the check-in: a retry replays it, never records twice.
      return storeIdempotentAnswer(tx, { id: recorded.id, reference: recorded.reference, channel: recorded.channel, recordedAt: recorded.occurredAt });
    });
  }

  recordServiceUpdate(ctx: RequestContext, reference: string, dto: ServiceUpdateDto): Promise<ServiceUpdateReceiptView> {
    const partner = partnerOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const { found } = await this.requireShared(tx, ctx, reference);
      const id = randomUUID();
      const now = this.clock.now();
      const noteSealed = dto.note
        ? this.sealer.sealText(await this.sealer.key(tx, found.row.id), found.row.id, SERVICE_UPDATES_TABLE, 'note', id, dto.note)
        : null;
      const occurredOn = dto.occurredOn ?? now.toISOString().slice(0, 10);
      await this.repository.insertServiceUpdate(tx, {
        id,
        caseId: found.row.id,
        agencyId: partner.agencyId,
        type: dto.type,
        noteSealed,
        occurredOn,
        createdAt: now,
      });
      await this.journal.record(tx, partner, ctx.requestId, found.row, {
        kind: 'SERVICE_UPDATE',
        auditAction: 'case.service_update_recorded',
        details: { serviceUpdateId: id, type: dto.type, withNote: noteSealed !== null },
      });
      return storeIdempotentAnswer(tx, { id, reference: found.row.reference, type: dto.type, occurredOn, recordedAt: now.toISOString() });
    });
  }

  /**
   * The policy lets a partner only read a case it holds a share of; its typed writes (check-ins,
   * service updates) need exactly that plus their own scope, never write access to the case file.
   * The case row is locked so the write serialises with staff changes.
   */
  private async requireShared(tx: EntityManager, ctx: RequestContext, reference: string): Promise<{ found: AccessibleCase; share: CaseShareEntity }> {
    const partner = partnerOf(ctx);
    const found = await this.access.require(tx, ctx, reference, 'read', { forUpdate: true });
    const share = await this.repository.activeShare(tx, found.row.id, partner.agencyId, this.clock.now());
    if (!share) throw new RecordNotFoundException('case');
    return { found, share };
  }

  private async readShared(tx: EntityManager, ctx: RequestContext, reference: string): Promise<PartnerCaseView> {
    const partner = partnerOf(ctx);
    const found = await this.access.require(tx, ctx, reference, 'read');
    const share = await this.repository.activeShare(tx, found.row.id, partner.agencyId, this.clock.now());
    if (!share) throw new RecordNotFoundException('case');
    const view = await this.project(tx, found, share);
    await this.audit.record(tx, {
      actor: partner,
      action: 'case.read',
      resourceType: 'case',
      resourceId: found.row.reference,
      caseId: found.row.id,
      requestId: ctx.requestId,
      details: { basis: 'share', shareId: share.id, fields: share.fields },
    });
    return view;
  }

  /** Exactly the shared fields; a field outside the share is absent from the answer. */
  private async project(tx: EntityManager, found: AccessibleCase, share: CaseShareEntity): Promise<PartnerCaseView> {
    const row = found.row;
    const fields = new Set(share.fields);
    const groups = fieldGroupsFor(share.fields);
    const content = groups.length > 0 ? this.sealer.open(await this.sealer.key(tx, row.id), row, new Set(groups)) : {};
    const view: PartnerCaseView = {
      reference: row.reference,
      sharedFields: [...share.fields],
      purpose: share.purpose,
      shareExpiresAt: share.expiresAt.toISOString(),
    };
    for (const field of fields) {
      switch (field) {
        case SharedField.FIRST_NAME:
          view.firstName = content.identity?.givenName ?? null;
          break;
        case SharedField.CONTACT_CHANNELS:
          view.contactChannels = (content.contact?.channels ?? []).map((channel) => ({ type: channel.type, value: channel.value }));
          break;
        case SharedField.CITY:
          view.city = content.location?.city ?? null;
          break;
        case SharedField.NEEDS:
          view.needs = content.health ?? null;
          break;
        case SharedField.CURRENT_COUNTRY:
          view.currentCountry = row.currentCountry;
          break;
        case SharedField.DEPENDANTS_COUNT:
          view.dependantsCount = row.dependantsCount;
          break;
        case SharedField.STAGE:
          view.stage = row.stage;
          break;
        case SharedField.PRIORITY:
          view.priority = row.priority;
          break;
        case SharedField.NEXT_CHECKIN_DUE:
          view.nextCheckinDue = (await this.checkins.nextDue(tx, row.id))?.toISOString() ?? null;
          break;
      }
    }
    return view;
  }
}
