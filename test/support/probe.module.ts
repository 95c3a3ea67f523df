import { Body, Controller, Get, Injectable, Module, Post } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';

/** Job names only the probe module handles. */
export enum ProbeJob {
  Record = 'probe.record',
  Fail = 'probe.fail',
  Slow = 'probe.slow',
  Batch = 'probe.batch',
}

export const PROBE_JOB_NAMES = Object.values(ProbeJob);

class ProbeAddressDto {
  @IsString()
  @MaxLength(20)
  city!: string;
}

export class ProbeEchoDto {
  @IsString()
  @MaxLength(50)
  name!: string;

  @IsInt()
  @Min(0)
  count!: number;

  @ValidateNested()
  @Type(() => ProbeAddressDto)
  address!: ProbeAddressDto;
}

/** Records what ran, in the handler's transaction, so tests can count runs in the database. */
@Injectable()
export class ProbeJobs {
  failuresLeft = Number.POSITIVE_INFINITY;
  slowMs = 0;
  slowStarted = 0;

  @JobHandler(ProbeJob.Record)
  async record({ tx, outboxId, payload }: JobContext): Promise<void> {
    await tx.query(`CREATE TABLE IF NOT EXISTS probe_runs (outbox_id uuid, label text, ran_at timestamptz DEFAULT clock_timestamp())`);
    await tx.query(`INSERT INTO probe_runs (outbox_id, label) VALUES ($1, $2)`, [outboxId, typeof payload.label === 'string' ? payload.label : '']);
  }

  @JobHandler(ProbeJob.Fail)
  fail(): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return Promise.reject(Object.assign(new Error('probe failure with secret details'), { code: 'PROBE_FAILURE' }));
    }
    return Promise.resolve();
  }

  /** Batch-capable: claims up to `batchLimit` more due events of its job; fails after claiming while `batchFails`. */
  batchLimit = 100;
  batchFails = false;

  @JobHandler(ProbeJob.Batch)
  async batch({ tx, outboxId, claimMore }: JobContext): Promise<void> {
    const claimed = claimMore ? await claimMore(this.batchLimit) : [];
    if (this.batchFails) throw Object.assign(new Error('probe batch failure'), { code: 'PROBE_BATCH_FAILURE' });
    await tx.query(`CREATE TABLE IF NOT EXISTS probe_runs (outbox_id uuid, label text, ran_at timestamptz DEFAULT clock_timestamp())`);
    await tx.query(`INSERT INTO probe_runs (outbox_id, label) SELECT unnest($1::uuid[]), 'batch'`, [[outboxId, ...claimed.map((event) => event.outboxId)]]);
  }

  @JobHandler(ProbeJob.Slow)
  async slow({ tx, outboxId }: JobContext): Promise<void> {
    this.slowStarted += 1;
    await new Promise((resolve) => setTimeout(resolve, this.slowMs));
    await tx.query(`CREATE TABLE IF NOT EXISTS probe_runs (outbox_id uuid, label text, ran_at timestamptz DEFAULT clock_timestamp())`);
    await tx.query(`INSERT INTO probe_runs (outbox_id, label) VALUES ($1, 'slow')`, [outboxId]);
  }
}

@Controller('_probe')
export class ProbeController {
  @Post('echo')
  @Access(Permission.Public)
  echo(@Body() body: ProbeEchoDto): ProbeEchoDto {
    return body;
  }

  @Get('crash')
  @Access(Permission.Public)
  crash(): never {
    throw new Error('unexpected failure near Key (name)=(Aliyev)');
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeJobs] })
export class ProbeModule {}
