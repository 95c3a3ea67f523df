import { OutboxEventEntity } from '@infra/outbox/outbox-event.entity';
import { SchedulerTickEntity } from '@infra/scheduling/scheduler-tick.entity';
import { AuditEventEntity } from '@modules/audit/audit-event.entity';
import { ApiKeyEntity } from '@modules/partners/api-key.entity';
import { PartnerAgencyEntity } from '@modules/partners/partner-agency.entity';
import { MIGRATIONS } from '@migrations/index';

/** Every entity of the application; the migration drift check compares the schema against these. */
export const ENTITIES = [
  OutboxEventEntity,
  SchedulerTickEntity,
  AuditEventEntity,
  PartnerAgencyEntity,
  ApiKeyEntity,
];

export const PERSISTENCE = { entities: ENTITIES, migrations: MIGRATIONS };
