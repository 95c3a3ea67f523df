import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { TickRunner } from './tick-runner';

interface TickDefinition {
  name: string;
  periodMs: number;
  work: (tx: EntityManager, period: number) => Promise<void>;
}

/**
 * Modules declare their ticks here at boot; only a process with the `scheduler` role starts them
 * (see app/process-roles). Each firing goes through TickRunner, so replicas never double-fire.
 */
@Injectable()
export class TickScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(TickScheduler.name);
  private readonly ticks = new Map<string, TickDefinition>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runner: TickRunner,
  ) {}

  declare(name: string, periodMs: number, work: TickDefinition['work']): void {
    if (this.ticks.has(name)) throw new Error(`tick "${name}" declared twice`);
    this.ticks.set(name, { name, periodMs, work });
  }

  declared(): string[] {
    return [...this.ticks.keys()];
  }

  /** Fires one tick now (tests, and the first firing at start). */
  fire(name: string): Promise<unknown> {
    const tick = this.ticks.get(name);
    if (!tick) throw new Error(`no tick "${name}"`);
    return this.runner.run(tick.name, tick.periodMs, tick.work);
  }

  start(): void {
    for (const tick of this.ticks.values()) {
      const interval = setInterval(() => this.fireGuarded(tick.name), tick.periodMs);
      this.registry.addInterval(`tick:${tick.name}`, interval);
      this.fireGuarded(tick.name);
    }
    this.logger.log({ ticks: this.declared() }, 'scheduler started');
  }

  private fireGuarded(name: string): void {
    // A slow tick is not stacked on itself inside one process.
    if (this.inFlight.has(name)) return;
    this.inFlight.add(name);
    this.fire(name)
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(name));
  }

  onApplicationShutdown(): void {
    for (const name of this.registry.getIntervals()) {
      if (name.startsWith('tick:')) this.registry.deleteInterval(name);
    }
  }
}
