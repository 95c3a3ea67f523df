import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const JOB_HANDLER = 'corridor:job-handler';

export interface JobContext<P = Record<string, unknown>> {
  outboxId: string;
  name: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  /** The transaction that also marks the event done: effects commit together with it, once. */
  tx: EntityManager;
}

export type JobHandlerFn = (context: JobContext) => Promise<void>;

/** Marks a provider method as the handler of a job name. */
export const JobHandler = (name: string): MethodDecorator => SetMetadata(JOB_HANDLER, name);
