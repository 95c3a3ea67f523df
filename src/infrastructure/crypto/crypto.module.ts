import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CryptoConfig } from '@config/crypto.config';
import type { ProcessConfig } from '@config/process.config';
import type { CorridorLogger } from '@infra/logging/corridor-logger';
import { BlindIndexer } from './blind-indexer';
import { DataKeyRotation } from './data-key-rotation';
import { DataKeyRepository } from './data-key.repository';
import { DataKeyService } from './data-key.service';
import { FieldCipher } from './field-cipher';
import { devKeyWarning, loadKeyMaterial, type KeyMaterial } from './key-material';
import { Keyring } from './keyring';
import { ProtectedFieldsService } from './protected-fields.service';

/**
 * Resolves the process's keys before anything connects, so a missing production key stops the
 * process with a ConfigError and nothing half-started. Warns (once per start) on development keys.
 */
export function resolveKeys(config: { crypto: CryptoConfig; process: ProcessConfig }, logger: CorridorLogger): KeyMaterial {
  const material = loadKeyMaterial(config.crypto, config.process.mode);
  const warning = devKeyWarning(material);
  if (warning) logger.warn({ keyDir: material.development?.dir, generated: material.development?.generated }, warning, 'CryptoModule');
  return material;
}

/**
 * Envelope encryption for every module: the keyring (master keys), per-owner data keys, the
 * field cipher and blind indexes.
 */
@Global()
@Module({})
export class CryptoModule {
  static forKeys(material: KeyMaterial): DynamicModule {
    return {
      module: CryptoModule,
      providers: [
        { provide: Keyring, useValue: material.keyring },
        { provide: BlindIndexer, useValue: new BlindIndexer(material.indexKey) },
        FieldCipher,
        DataKeyRepository,
        DataKeyService,
        ProtectedFieldsService,
        {
          provide: DataKeyRotation,
          inject: [DataSource, DataKeyService, Keyring],
          useFactory: (dataSource: DataSource, dataKeys: DataKeyService, keyring: Keyring) => new DataKeyRotation(dataSource, dataKeys, keyring),
        },
      ],
      exports: [Keyring, BlindIndexer, FieldCipher, DataKeyService, ProtectedFieldsService, DataKeyRotation],
    };
  }
}
