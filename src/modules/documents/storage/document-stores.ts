import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentsConfig, type DocumentStoreKind } from '@config/documents.config';
import { DocumentStoreUnavailableException } from '../documents.exception';
import type { DocumentStore } from './document-store';
import { PostgresDocumentStore } from './postgres-document-store';
import { S3DocumentStore } from './s3-document-store';

/**
 * The configured store writes new streams; each stream remembers its store, so a deployment that
 * moves to S3 still reads (and purges) what PostgreSQL holds.
 */
@Injectable()
export class DocumentStores implements OnApplicationShutdown {
  private readonly postgres: PostgresDocumentStore;
  private readonly s3: S3DocumentStore | null;

  constructor(dataSource: DataSource, @Inject(DocumentsConfig) config: DocumentsConfig) {
    this.postgres = new PostgresDocumentStore(dataSource);
    this.s3 = config.store === 's3' ? new S3DocumentStore(config) : null;
  }

  get current(): DocumentStore {
    return this.s3 ?? this.postgres;
  }

  get(kind: DocumentStoreKind): DocumentStore {
    if (kind === 'postgres') return this.postgres;
    if (kind === 's3' && this.s3) return this.s3;
    throw new DocumentStoreUnavailableException();
  }

  onApplicationShutdown(): void {
    this.s3?.destroy();
  }
}
