import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EXPECTED_JOB_NAMES } from '@common/jobs/job-name';
import { JOB_HANDLER, JOB_HANDLER_OUTSIDE_TRANSACTION, type JobHandlerFn, type OutsideJobHandlerFn } from './job-handler.decorator';
import { JobRegistrationError } from './job.exception';

export type RegisteredHandler = { outsideTransaction: false; run: JobHandlerFn } | { outsideTransaction: true; run: OutsideJobHandlerFn };

/** Finds every @JobHandler at boot and refuses to start on a missing, duplicate or unknown one. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(EXPECTED_JOB_NAMES) private readonly expected: readonly string[],
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = prototype[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        if (this.handlers.has(name)) problems.push(`job "${name}" has more than one handler`);
        else if (this.reflector.get<boolean | undefined>(JOB_HANDLER_OUTSIDE_TRANSACTION, fn)) {
          this.handlers.set(name, { outsideTransaction: true, run: (fn as OutsideJobHandlerFn).bind(instance) });
        } else this.handlers.set(name, { outsideTransaction: false, run: (fn as JobHandlerFn).bind(instance) });
      }
    }
    for (const name of this.expected) {
      if (!this.handlers.has(name)) problems.push(`job "${name}" has no handler`);
    }
    for (const name of this.handlers.keys()) {
      if (!this.expected.includes(name)) problems.push(`handler for unknown job "${name}"`);
    }
    if (problems.length > 0) throw new JobRegistrationError(problems);
  }

  handlerFor(name: string): RegisteredHandler | undefined {
    return this.handlers.get(name);
  }
}
