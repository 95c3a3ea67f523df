import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { PartnerEventPublisher, type PartnerEvent } from '@common/partner-events/partner-event';
import { OutboxService } from '@infra/outbox/outbox.service';

/** One outbox event per agency, so one agency's broken endpoint never delays another's. */
@Injectable()
export class PartnerEventsService extends PartnerEventPublisher {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async publish(tx: EntityManager, event: PartnerEvent): Promise<void> {
    const occurredAt = this.clock.now().toISOString();
    for (const agencyId of new Set(event.agencyIds)) {
      await this.outbox.record(tx, {
        job: JobName.PartnerEvent,
        payload: { eventId: randomUUID(), agencyId, type: event.type, occurredAt, data: event.data },
        dedupeKey: event.dedupeKey ? `partner-event:${agencyId}:${event.dedupeKey}` : undefined,
      });
    }
  }
}
