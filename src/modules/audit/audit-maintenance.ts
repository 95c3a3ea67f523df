import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditConfig } from '@config/audit.config';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { AuditSealer } from './audit-sealer';

export const AUDIT_SEAL_TICK = 'audit.seal';

/**
 * Seals the audit log every AUDIT_SEAL_INTERVAL_MS in the scheduler role, so an event is chained
 * within a few seconds of its commit. The tick's own advisory lock keeps replicas from running it
 * together; the sealer's own lock would turn a second one away anyway.
 */
@Injectable()
export class AuditMaintenance implements OnModuleInit {
  constructor(
    private readonly ticks: TickScheduler,
    private readonly sealer: AuditSealer,
    @Inject(AuditConfig) private readonly config: AuditConfig,
  ) {}

  onModuleInit(): void {
    this.ticks.declare(AUDIT_SEAL_TICK, this.config.sealIntervalMs, async () => {
      await this.sealer.sealPending();
    });
  }
}
