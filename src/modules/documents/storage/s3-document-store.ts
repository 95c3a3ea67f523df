import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { DocumentsConfig } from '@config/documents.config';
import { DocumentStore, DocumentStoreError, fixedPieces } from './document-store';

/** Sealed segments per object: 128 × 64 KiB ≈ 8 MiB, the most one write holds in memory. */
const SEGMENTS_PER_OBJECT = 128;

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph RGW): a stream is a run of objects
 * `<prefix><stream id>/<part>` (part = 000000, 000001, …), each the concatenation of up to 128
 * sealed segments. Object keys carry no case id, name or type. Plain PUT/GET/LIST/DELETE only,
 * so any S3-compatible service works; no multipart upload is left behind by a crash.
 */
export class S3DocumentStore extends DocumentStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: DocumentsConfig) {
    super();
    if (!config.s3Bucket) throw new TypeError('DOCUMENT_S3_BUCKET is required with DOCUMENT_STORE=s3');
    this.bucket = config.s3Bucket;
    this.prefix = config.s3Prefix;
    this.client = new S3Client({
      region: config.s3Region,
      endpoint: config.s3Endpoint,
      forcePathStyle: config.s3ForcePathStyle,
      credentials:
        config.s3AccessKeyId && config.s3SecretAccessKey ? { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey } : undefined,
      // Checksums only where the protocol requires them: self-hosted services differ in what they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async write(streamId: string, segments: AsyncIterable<Buffer>): Promise<void> {
    let pending: Buffer[] = [];
    let part = 0;
    const flush = async (): Promise<void> => {
      const body = Buffer.concat(pending);
      pending = [];
      await this.call('write', () =>
        this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(streamId, part++), Body: body, ContentType: 'application/octet-stream' })),
      );
    };
    for await (const segment of segments) {
      pending.push(segment);
      if (pending.length >= SEGMENTS_PER_OBJECT) await flush();
    }
    if (pending.length > 0 || part === 0) await flush();
  }

  async *read(streamId: string, sealedSegmentBytes: number): AsyncGenerator<Buffer> {
    for (let part = 0; ; part++) {
      const body = await this.getPart(streamId, part);
      if (!body) return;
      yield* fixedPieces(body, sealedSegmentBytes);
    }
  }

  async delete(streamId: string): Promise<void> {
    for (;;) {
      const listed = await this.call('delete', () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}${streamId}/`, MaxKeys: 1000 })),
      );
      const keys = (listed.Contents ?? []).map((object) => object.Key).filter((key): key is string => typeof key === 'string');
      if (keys.length === 0) return;
      for (const key of keys) await this.call('delete', () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
    }
  }

  /** Closes the client's sockets (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }

  private key(streamId: string, part: number): string {
    return `${this.prefix}${streamId}/${String(part).padStart(6, '0')}`;
  }

  private async getPart(streamId: string, part: number): Promise<AsyncIterable<Uint8Array> | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(streamId, part) }));
      return (answer.Body as AsyncIterable<Uint8Array> | undefined) ?? null;
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) return null;
      throw this.storeError('read', error);
    }
  }

  private async call<T>(operation: 'write' | 'read' | 'delete', send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.storeError(operation, error);
    }
  }

  /** The SDK's errors can quote request details; keep only the error's name or status. */
  private storeError(operation: 'write' | 'read' | 'delete', error: unknown): DocumentStoreError {
    const code =
      error instanceof S3ServiceException
        ? error.name || `http-${error.$metadata.httpStatusCode ?? 'unknown'}`
        : error instanceof Error
          ? ((error as NodeJS.ErrnoException).code ?? error.name)
          : 'unknown';
    return new DocumentStoreError('s3', operation, String(code).slice(0, 64));
  }
}
