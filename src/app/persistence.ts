import { OutboxEventEntity } from '@infra/outbox/outbox-event.entity';
import { SchedulerTickEntity } from '@infra/scheduling/scheduler-tick.entity';
import { AuditChainHeadEntity } from '@modules/audit/audit-chain-head.entity';
import { AuditEventEntity } from '@modules/audit/audit-event.entity';
import { MIGRATIONS } from '@migrations/index';

/** Every entity of the application; the migration drift check compares the schema against these. */
export const ENTITIES = [
  OutboxEventEntity,
  SchedulerTickEntity,
  AuditEventEntity,
  AuditChainHeadEntity,
];

export const PERSISTENCE = { entities: ENTITIES, migrations: MIGRATIONS };
