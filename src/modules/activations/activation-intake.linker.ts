import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorRecord } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import { ActivationLinker, type IntakeActivation, type IntakeLink } from '@modules/cases/activation-linker.port';
import { CaseActivationLinks } from '@modules/cases/case-activation-links.service';
import { ActivationFanoutService } from './activation-fanout.service';
import { ActivationsRepository } from './activations.repository';

/**
 * Intake during an activation (staff intake and partner referrals): the case is linked and
 * placed in the intake's own transaction, so the answer to the request already carries the
 * activation's deadlines and caseworker.
 */
@Injectable()
export class ActivationIntakeLinker extends ActivationLinker {
  constructor(
    private readonly repository: ActivationsRepository,
    private readonly cases: CaseActivationLinks,
    private readonly fanout: ActivationFanoutService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async match(tx: EntityManager, intake: { originCountry: string; activationCode?: string | null }): Promise<IntakeActivation | null> {
    const activation = await this.repository.activeForIntake(tx, intake.originCountry, intake.activationCode ?? null);
    return activation ? { activationId: activation.id, triageSlaHours: activation.overrides.triageSlaHours ?? null, overrides: activation.overrides } : null;
  }

  async attach(tx: EntityManager, link: IntakeLink): Promise<void> {
    // The activation's row lock orders this placement with fan-out chunks, so caps hold exactly.
    const activation = await this.repository.lock(tx, link.activationId);
    if (!activation) return;
    const now = this.clock.now();
    await this.repository.insertLinks(tx, activation.id, [link.caseId], 'INTAKE', activation.fanoutGeneration, now);
    const { actorType, actorId } = actorRecord(link.actor);
    await this.cases.recordHistory(tx, [link.caseId], { kind: 'ACTIVATION_LINKED', actorType, actorId, at: now, details: { activation: activation.code } });
    const placed = link.assigned ? null : await this.fanout.place(tx, activation, [link.caseId], now);
    await this.audit.record(tx, {
      actor: link.actor,
      action: 'activation.case_linked',
      resourceType: 'case',
      resourceId: link.reference,
      caseId: link.caseId,
      requestId: link.requestId,
      details: { activation: activation.code, via: 'INTAKE', placed: placed ? placed.assigned === 1 : false },
    });
  }
}
