import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { SystemClock } from '@common/clock/clock';
import { TransactionRunner } from '@infra/database/transaction';
import { AuditChainRepository } from '@modules/audit/audit-chain.repository';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { AuditVerifier, describeVerification } from '@modules/audit/audit-verifier';
import { say, withDataSource } from '../cli-context';

/** What `audit:verify` prints and its exit code: the whole chain, read-only. */
async function auditVerifyReport(dataSource: DataSource): Promise<{ lines: string[]; exitCode: number }> {
  const result = await new AuditVerifier(new AuditChainRepository(dataSource), new SystemClock()).verifyFull();
  const rate = result.durationMs > 0 ? Math.round((result.checked * 1000) / result.durationMs) : result.checked;
  return {
    lines: [...describeVerification(result), `checked ${result.checked} events in ${result.durationMs} ms (${rate}/s)`],
    exitCode: result.ok ? 0 : 1,
  };
}

export function registerAuditCommands(program: Command): void {
  program
    .command('audit:verify')
    .description('Walk the whole audit chain; exit 1 naming the first broken link; report the unsealed tail')
    .action(() =>
      withDataSource(async (dataSource) => {
        const { lines, exitCode } = await auditVerifyReport(dataSource);
        for (const line of lines) say(line);
        process.exitCode = exitCode;
      }),
    );

  program
    .command('audit:seal')
    .description('Seal every committed audit event now (the scheduler does this every second)')
    .action(() =>
      withDataSource(async (dataSource) => {
        const sealer = new AuditSealer(new TransactionRunner(dataSource), new AuditChainRepository(dataSource), new SystemClock());
        let sealed = 0;
        for (;;) {
          const report = await sealer.sealPending();
          if (report.busy) return say(`another sealer holds the lock; sealed ${sealed} before it did`);
          sealed += report.sealed;
          if (report.sealed === 0) return say(`sealed ${sealed} events, chain head ${report.head?.hash ?? 'unknown'}`);
        }
      }),
    );
}
