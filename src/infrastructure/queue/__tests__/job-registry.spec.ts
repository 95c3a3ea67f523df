import { Injectable, Module } from '@nestjs/common';
import { JobHandler } from '@infra/queue/job-handler.decorator';
import { PROBE_JOB_NAMES, ProbeJob, ProbeModule } from '@test/support/probe.module';
import { TestContext } from '@test/support/test-context';

@Injectable()
class SecondRecordHandler {
  @JobHandler(ProbeJob.Record)
  async handle(): Promise<void> {}
}

@Module({ providers: [SecondRecordHandler] })
class DuplicateHandlerModule {}

describe('job registration at boot', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('refuses to boot when a job name has no handler', async () => {
    await expect(ctx.startApp({ roles: 'api', extraJobNames: ['probe.orphan'] })).rejects.toThrow('job "probe.orphan" has no handler');
  });

  it('refuses to boot when a job has two handlers', async () => {
    await expect(ctx.startApp({ roles: 'api', extraModules: [ProbeModule, DuplicateHandlerModule], extraJobNames: PROBE_JOB_NAMES })).rejects.toThrow(
      `job "${ProbeJob.Record}" has more than one handler`,
    );
  });

  it('refuses to boot when a handler serves a job name nobody declared', async () => {
    await expect(ctx.startApp({ roles: 'api', extraModules: [ProbeModule] })).rejects.toThrow('handler for unknown job');
  });

  it('boots when every job has exactly one handler', async () => {
    const app = await ctx.startApp({ roles: 'api', extraModules: [ProbeModule], extraJobNames: PROBE_JOB_NAMES });
    await app.close();
  });
});
