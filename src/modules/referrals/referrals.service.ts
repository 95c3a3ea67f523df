import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { partnerOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { storeIdempotentAnswer } from '@infra/http/idempotency/idempotent-answer';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { CaseShares } from '@modules/cases/case-shares.port';
import { CasesService } from '@modules/cases/cases.service';
import { scoreTriage, type RiskFactor } from '@modules/cases/domain/triage';
import type { ReferralDto, ReferralView } from './dto/referral.dto';
import type { ReferralEntity } from './referral.entity';
import { ReferralStatus } from './referral-status';
import { ReferralsRepository } from './referrals.repository';

/**
 * Partner referrals. A referral goes through the one intake path (sealing, blind-index duplicate
 * detection, triage deadline, check-in schedule, journal) with the agency recorded as referrer and
 * consent-giver; the agency then follows it in coarse statuses (see ReferralStatusTracker), and
 * learns the case's reference once Corridor shares the case with it.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReferralsRepository,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly shares: CaseShares,
  ) {}

  submit(ctx: RequestContext, dto: ReferralDto): Promise<ReferralView> {
    const partner = partnerOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const { caseId } = await this.cases.open(tx, ctx, {
        person: dto.person,
        dependants: dto.dependants,
        contact: dto.contact,
        location: dto.currentCity ? { city: dto.currentCity } : undefined,
        originCountry: dto.originCountry,
        currentCountry: dto.currentCountry,
        narrative: narrativeOf(dto.riskNarrative, dto.riskFactors),
        consent: dto.consent,
        // Provisional until a caseworker triages: sets the triage deadline from what the agency saw.
        priority: scoreTriage(dto.riskFactors).suggestedPriority,
        referringAgencyId: partner.agencyId,
        activationCode: dto.activationCode,
      });
      const now = this.clock.now();
      const row: ReferralEntity = {
        id: randomUUID(),
        agencyId: partner.agencyId,
        caseId,
        status: ReferralStatus.RECEIVED,
        statusVersion: 1,
        createdAt: now,
        statusChangedAt: now,
      };
      await this.repository.insert(tx, row);
      // Whether intake found a possible duplicate stays with staff (the case's own flag and
      // candidates): a partner's answers never say whether anyone else's record matches.
      await this.audit.record(tx, {
        actor: partner,
        action: 'referral.submitted',
        resourceType: 'referral',
        resourceId: row.id,
        caseId,
        requestId: ctx.requestId,
      });
      // The Idempotency-Key's answer commits with the referral: a retry replays it, never refers twice.
      // A new case has no share yet: the reference is null for everyone alike.
      return storeIdempotentAnswer(tx, viewOf(row, null));
    });
  }

  read(ctx: RequestContext, id: string): Promise<ReferralView> {
    const partner = partnerOf(ctx);
    return this.dataSource
      .transaction(async (tx) => {
        const row = await this.repository.findOfAgency(tx, id, partner.agencyId);
        if (!row) return null;
        const references = await this.shares.sharedReferences(tx, [row.caseId], partner.agencyId, this.clock.now());
        await this.audit.record(tx, {
          actor: partner,
          action: 'referral.read',
          resourceType: 'referral',
          resourceId: row.id,
          caseId: row.caseId,
          requestId: ctx.requestId,
        });
        return viewOf(row, references.get(row.caseId) ?? null);
      })
      .then(async (view) => {
        if (view) return view;
        // Another agency's referral answers exactly like none (BOLA); the attempt is audited.
        await this.audit.recordAlone({
          actor: partner,
          action: 'referral.access_denied',
          resourceType: 'referral',
          resourceId: id,
          outcome: AuditOutcome.Denied,
          requestId: ctx.requestId,
          details: { reason: 'unknown-or-not-own' },
        });
        throw new RecordNotFoundException('referral');
      });
  }

  list(ctx: RequestContext, query: PageQueryDto): Promise<Page<ReferralView>> {
    const partner = partnerOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const rows = await this.repository.listOfAgency(tx, partner.agencyId, startAfter(query.cursor), query.limit);
      const references = await this.shares.sharedReferences(
        tx,
        rows.slice(0, query.limit).map((row) => row.caseId),
        partner.agencyId,
        this.clock.now(),
      );
      await this.audit.record(tx, {
        actor: partner,
        action: 'referral.listed',
        resourceType: 'referral',
        requestId: ctx.requestId,
        details: { count: Math.min(rows.length, query.limit) },
      });
      return toPage(rows, query.limit, (row) => viewOf(row, references.get(row.caseId) ?? null));
    });
  }
}

/** The reported risk factors travel sealed with the narrative: their codes can out a person. */
function narrativeOf(narrative: string, factors: readonly RiskFactor[]): string {
  return factors.length === 0 ? narrative : `${narrative}\n\nRisk factors reported by the referring agency: ${[...factors].sort().join(', ')}`;
}

/**
 * The case reference only while the agency holds an active share of the case (and may open it
 * under /partner/v1/cases): before that it would name a record the agency has no access to, and
 * every referral answers alike whether or not Corridor knew the person.
 */
const viewOf = (row: ReferralEntity, caseReference: string | null): ReferralView => ({
  id: row.id,
  status: row.status,
  submittedAt: row.createdAt.toISOString(),
  statusChangedAt: row.statusChangedAt.toISOString(),
  caseReference,
});
