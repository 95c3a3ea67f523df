import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';

export type TickOutcome = 'ran' | 'busy' | 'already-ran';

/**
 * Runs a scheduled tick at most once per period across every replica: the tick takes a
 * transaction-scoped advisory lock (released at commit, safe behind PgBouncer) and claims its
 * period in scheduler_ticks. Ticks only enqueue work (outbox) or do short set-based updates.
 */
@Injectable()
export class TickRunner {
  private readonly logger = new Logger(TickRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run(name: string, periodMs: number, work: (tx: EntityManager, period: number) => Promise<void>): Promise<TickOutcome> {
    const period = Math.floor(this.clock.nowMs() / periodMs);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [lock]: Array<{ locked: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [`tick:${name}`]);
        if (!lock?.locked) return 'busy';
        const claimed: unknown[] = await tx.query(
          `INSERT INTO scheduler_ticks (name, last_period, ran_at) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET last_period = EXCLUDED.last_period, ran_at = EXCLUDED.ran_at
           WHERE scheduler_ticks.last_period < EXCLUDED.last_period
           RETURNING name`,
          [name, period, this.clock.now()],
        );
        if (claimed.length === 0) return 'already-ran';
        await work(tx, period);
        return 'ran';
      });
    } catch (error) {
      this.logger.warn({ tick: name, error: error instanceof Error ? error.name : 'UnknownError' }, 'tick failed');
      throw error;
    }
  }
}
