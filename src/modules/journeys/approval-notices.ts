import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { NotificationsService } from '@modules/notifications/notifications.service';

/**
 * Tells the coordinators who can give a four-eyes approval that one waits: the coordinators of
 * the case's active activation, else every active coordinator — never the requester. In-app
 * (and so on their live event stream): kind `approval.waiting`, ids and the case reference only.
 */
@Injectable()
export class ApprovalNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly staff: StaffDirectory,
    private readonly activations: ActivationPolicy,
  ) {}

  async waiting(
    tx: EntityManager,
    input: {
      caseReference: string;
      activationId: string | null;
      requestedBy: string;
      subjectType: 'relocation_plan' | 'resettlement_application';
      subjectId: string;
    },
  ): Promise<void> {
    const inCharge = input.activationId ? await this.activations.coordinatorIds(tx, input.activationId) : null;
    const coordinators = inCharge ?? (await this.staff.activeIdsWithRole(tx, StaffRole.Coordinator, input.requestedBy));
    const recipients = coordinators.filter((id) => id !== input.requestedBy);
    if (recipients.length === 0) return;
    await this.notifications.notify(tx, recipients, {
      kind: 'approval.waiting',
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      details: { caseReference: input.caseReference },
    });
  }
}
