import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { AgencyDirectory, type AgencyFacts } from '@common/access/agency-directory';
import { AgencyType } from '@common/access/roles';
import { Clock } from '@common/clock/clock';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { EXPEDITABLE_STATUSES } from './domain/expedite';
import type { CreateExpediteRequestDto } from './dto/expedite.dto';
import {
  ExpediteAgencyNotGovernmentException,
  ExpediteApplicationClosedException,
  ExpediteDeadlineException,
  ExpediteRequiresEmergencyException,
  SharingConsentRequiredException,
} from '../journeys.exception';
import { JourneysRepository } from '../journeys.repository';
import type { ResettlementApplicationEntity } from '../resettlement/resettlement.entity';

const DAY_MS = 86_400_000;
const MAX_DEADLINE_MS = 30 * DAY_MS;

export interface ExpediteEligible {
  app: ResettlementApplicationEntity;
  agency: AgencyFacts;
  now: Date;
  deadline: Date;
  /** Something of the person is shared although the case has no sharing consent (a reason is given). */
  override: boolean;
}

/** Whether a request may go: an EMERGENCY case, an open application, an active GOVERNMENT agency, a deadline within 30 days, consent or a reason. */
@Injectable()
export class ExpediteEligibility {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly agencies: AgencyDirectory,
    private readonly clock: Clock,
  ) {}

  async check(
    tx: EntityManager,
    caseRow: { id: string; priority: CasePriority; consentSharing: boolean },
    applicationId: string,
    dto: CreateExpediteRequestDto,
  ): Promise<ExpediteEligible> {
    const app = await this.journeys.findApplication(tx, caseRow.id, applicationId);
    if (!app) throw new RecordNotFoundException('resettlement application');
    if (caseRow.priority !== CasePriority.EMERGENCY) throw new ExpediteRequiresEmergencyException(caseRow.priority);
    if (!(EXPEDITABLE_STATUSES as readonly string[]).includes(app.status)) throw new ExpediteApplicationClosedException(app.status);
    const now = this.clock.now();
    const deadline = new Date(dto.deadline);
    if (deadline.getTime() <= now.getTime()) throw new ExpediteDeadlineException('is not in the future');
    if (deadline.getTime() - now.getTime() > MAX_DEADLINE_MS) throw new ExpediteDeadlineException('is more than 30 days ahead');
    const agency = await this.agencies.find(tx, dto.agencyId);
    if (!agency) throw new ExpediteAgencyNotGovernmentException('no such agency');
    if (agency.type !== AgencyType.Government) throw new ExpediteAgencyNotGovernmentException(`this agency is of type ${agency.type}`);
    if (!agency.active) throw new ExpediteAgencyNotGovernmentException('this agency is suspended');
    const override = (dto.share.length > 0 || (dto.documentIds ?? []).length > 0) && !caseRow.consentSharing;
    if (override && dto.consentOverrideReason === undefined) throw new SharingConsentRequiredException();
    return { app, agency, now, deadline, override };
  }
}
