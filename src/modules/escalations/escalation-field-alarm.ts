import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseShares } from '@modules/cases/case-shares.port';
import type { CasePriority } from '@modules/cases/domain/case-stage';
import type { EscalationEntity } from './escalation.entity';

const COMPONENT = 'escalations';

/** An escalation entering a level, with its case's priority (which sets the acknowledge window). */
export interface LevelEntry {
  row: EscalationEntity;
  priority: CasePriority;
}

/** The top level reaches outside the staff: the case's flag and the field partners sharing it. */
@Injectable()
export class EscalationFieldAlarm {
  constructor(
    private readonly cases: CaseFactsService,
    private readonly shares: CaseShares,
    private readonly partnerEvents: PartnerEventPublisher,
    private readonly clock: Clock,
  ) {}

  /** The top level: the case is flagged LOST_CONTACT and the field partners sharing it are told. */
  async raise(tx: EntityManager, { row, priority }: LevelEntry): Promise<void> {
    await this.cases.markLostContact(tx, row.caseId, systemActor(COMPONENT));
    // The field partners sharing the case are the ones who can go and look (spec 3.6): they get
    // the reference they already hold and codes, never more than the share itself shows.
    const agencyIds = await this.shares.agenciesSharing(tx, row.caseId, this.clock.now());
    if (agencyIds.length === 0) return;
    await this.partnerEvents.publish(tx, {
      agencyIds,
      type: PartnerEventType.EscalationRaised,
      data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level: row.level, priority },
      dedupeKey: `escalation:${row.id}:level:${row.level}`,
    });
  }
}
