import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { SystemClock } from '@common/clock/clock';
import { loadConfig, type AppConfig } from '@config/app.config';
import { KEY_ID } from '@config/crypto.config';
import { DataKeyUnreadableException, MasterKeyUnavailableException } from '@infra/crypto/crypto.exceptions';
import { DataKeyRepository } from '@infra/crypto/data-key.repository';
import { DataKeyRotation, type RotationReport } from '@infra/crypto/data-key-rotation';
import { DataKeyService } from '@infra/crypto/data-key.service';
import { KEY_BYTES } from '@infra/crypto/envelope';
import { devKeyWarning, loadKeyMaterial, type KeyMaterial } from '@infra/crypto/key-material';
import { say, withDataSource } from '../cli-context';

type Out = (line: string) => void;

export function registerKeyCommands(program: Command): void {
  program
    .command('keys:generate')
    .description('Print a fresh random 32-byte key in base64, for CORRIDOR_MASTER_KEY or CORRIDOR_INDEX_KEY')
    .option('--id <id>', 'print an `id:base64key` line instead, for key files and CORRIDOR_PREVIOUS_MASTER_KEYS')
    .action((options: { id?: string }) => {
      if (options.id !== undefined && !KEY_ID.test(options.id)) throw new Error('--id must be 1–32 letters, digits, `.`, `_` or `-`');
      const key = randomBytes(KEY_BYTES);
      say(options.id !== undefined ? `${options.id}:${key.toString('base64')}` : key.toString('base64'));
      key.fill(0);
    });

  program
    .command('keys:status')
    .description('Show how many data keys each master key wraps')
    .action(async () => {
      const config = loadConfig();
      const material = keyMaterial(config);
      const report = await withDataSource((dataSource) => rotation(dataSource, material).report(), config);
      process.exitCode = describeReport(report, say) ? 0 : 1;
    });

  program
    .command('keys:rotate')
    .description('Re-wrap every data key under the current master key; data rows are not touched. Resumable.')
    .option('--batch-size <n>', 'data keys per transaction', '500')
    .action(async (options: { batchSize: string }) => {
      const report = await rotateKeys(loadConfig(), Number(options.batchSize), say);
      if (!report.complete) process.exitCode = 1;
    });
}

/** `keys:rotate` without commander, so tests run exactly what operators run. */
export async function rotateKeys(config: AppConfig, batchSize: number, out: Out): Promise<RotationReport> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch-size must be 1 to 10000');
  const material = keyMaterial(config);
  return withDataSource(async (dataSource) => {
    out(`re-wrapping data keys under master key ${material.keyring.currentId}, ${batchSize} per transaction`);
    const report = await rotation(dataSource, material)
      .rotate({ batchSize, onProgress: ({ rewrapped, remaining }) => out(`  re-wrapped ${rewrapped}, ${remaining} to go`) })
      .catch((error: unknown) => {
        if (error instanceof MasterKeyUnavailableException) {
          throw new Error(
            `data keys are wrapped under master keys this configuration lacks (${error.kekIds.join(', ')}); add them to CORRIDOR_PREVIOUS_MASTER_KEYS(_FILE) and run again`,
          );
        }
        if (error instanceof DataKeyUnreadableException) {
          throw new Error(
            `a data key under ${error.kekId} does not unwrap: the configured ${error.kekId} is not the key it was wrapped with, or the row was altered. Batches already committed stay rotated.`,
          );
        }
        throw error;
      });
    out(`re-wrapped ${report.rewrapped} data keys; no data row was read or written`);
    describeReport(report, out);
    return report;
  }, config);
}

function keyMaterial(config: AppConfig): KeyMaterial {
  const material = loadKeyMaterial(config.crypto, config.process.mode);
  const warning = devKeyWarning(material);
  if (warning) process.stderr.write(`${warning}\n`);
  return material;
}

function rotation(dataSource: DataSource, material: KeyMaterial): DataKeyRotation {
  const dataKeys = new DataKeyService(material.keyring, new DataKeyRepository(), new SystemClock());
  return new DataKeyRotation(dataSource, dataKeys, material.keyring);
}

/** Prints counts per master key and what the operator may do next; true when rotation is complete. */
function describeReport(report: RotationReport, out: Out): boolean {
  for (const entry of report.usage) {
    const role = entry.current ? 'current' : entry.configured ? 'previous' : 'NOT CONFIGURED';
    out(`  ${entry.kekId} (${role}): ${entry.dataKeys} data keys`);
  }
  const unconfigured = report.usage.filter((entry) => !entry.configured && entry.dataKeys > 0).map((entry) => entry.kekId);
  if (unconfigured.length > 0) {
    out(`Records under ${unconfigured.join(', ')} cannot be read by this configuration: add those keys to CORRIDOR_PREVIOUS_MASTER_KEYS(_FILE).`);
  }
  if (!report.complete) {
    out('Not complete: some data keys are still under other master keys (rows locked by concurrent work, or written by a');
    out('process still on the old configuration). Give every process the new configuration, then run keys:rotate again.');
  } else if (report.removableKekIds.length > 0) {
    out(`Complete: every data key is under ${report.currentKekId}. You may now remove ${report.removableKekIds.join(', ')} from`);
    out('CORRIDOR_PREVIOUS_MASTER_KEYS(_FILE) on every process. Keep it offline only as long as backups taken before this');
    out('rotation are kept (restoring them needs it), then destroy it — see docs/SECURITY.md, "Keys and rotation".');
  } else {
    out(`Complete: every data key is under ${report.currentKekId}.`);
  }
  return report.complete;
}
