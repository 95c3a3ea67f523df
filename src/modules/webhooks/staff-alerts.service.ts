import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffAlertPublisher, type StaffAlert } from '@common/alerts/staff-alert';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService, type OutboxEventInput } from '@infra/outbox/outbox.service';

/** Records a staff alert in the caller's transaction; `staff.alert` fans it out to the alert channels. */
@Injectable()
export class StaffAlertsService extends StaffAlertPublisher {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async alert(tx: EntityManager, alert: StaffAlert): Promise<void> {
    await this.outbox.record(tx, this.event(alert, this.clock.now()));
  }

  override async alertMany(tx: EntityManager, alerts: StaffAlert[]): Promise<void> {
    const now = this.clock.now();
    await this.outbox.recordMany(
      tx,
      alerts.map((alert) => this.event(alert, now)),
    );
  }

  private event(alert: StaffAlert, at: Date): OutboxEventInput {
    return {
      job: JobName.StaffAlert,
      payload: { eventId: randomUUID(), type: alert.type, occurredAt: at.toISOString(), data: alert.data },
      dedupeKey: `staff-alert:${alert.dedupeKey}`,
    };
  }
}
