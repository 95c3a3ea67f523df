import type { DataSource } from 'typeorm';
import { MasterKeyUnavailableException } from './crypto.exceptions';
import type { DataKeyService, KekUsage } from './data-key.service';
import type { Keyring } from './keyring';

export interface RotationProgress {
  rewrapped: number;
  /** Data keys still under other master keys when the batch committed. */
  remaining: number;
}

export interface RotationReport {
  currentKekId: string;
  rewrapped: number;
  /** Data keys per master key after the run. */
  usage: KekUsage[];
  /** True when every data key is wrapped under the current master key. */
  complete: boolean;
  /** Configured previous master keys that no data key needs any more. */
  removableKekIds: string[];
}

/**
 * Master-key rotation: re-wraps every data key under the current master key, batch by batch,
 * each batch its own transaction. Only `data_keys` changes; protected data rows are never read or
 * written. Resumable and idempotent: keys already under the current master key are not selected.
 */
export class DataKeyRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataKeys: DataKeyService,
    private readonly keyring: Keyring,
  ) {}

  async rotate(options: { batchSize?: number; onProgress?: (progress: RotationProgress) => void } = {}): Promise<RotationReport> {
    const batchSize = options.batchSize ?? 500;
    // Refuse to start rather than stop half-way on a key nobody configured.
    const missing = (await this.usage()).filter((entry) => !entry.configured && entry.dataKeys > 0).map((entry) => entry.kekId);
    if (missing.length > 0) throw new MasterKeyUnavailableException(missing);

    let rewrapped = 0;
    for (;;) {
      const moved = await this.dataSource.transaction((tx) => this.dataKeys.rewrapBatch(tx, batchSize));
      if (moved === 0) break;
      rewrapped += moved;
      options.onProgress?.({ rewrapped, remaining: countOld(await this.usage()) });
    }
    return this.report(rewrapped);
  }

  async report(rewrapped = 0): Promise<RotationReport> {
    const usage = await this.usage();
    const inUse = new Set(usage.filter((entry) => entry.dataKeys > 0).map((entry) => entry.kekId));
    return {
      currentKekId: this.keyring.currentId,
      rewrapped,
      usage,
      // Rows locked by concurrent work are skipped; a second run picks them up.
      complete: countOld(usage) === 0,
      removableKekIds: this.keyring.previousIds.filter((id) => !inUse.has(id)),
    };
  }

  private usage(): Promise<KekUsage[]> {
    return this.dataKeys.usage(this.dataSource.manager);
  }
}

function countOld(usage: KekUsage[]): number {
  return usage.filter((entry) => !entry.current).reduce((sum, entry) => sum + entry.dataKeys, 0);
}
