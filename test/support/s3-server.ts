import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * A real S3-compatible server (s3rver, from the npm registry) on loopback, storing objects in a
 * temporary directory, with one bucket. The application reaches it through its normal
 * configuration (`DOCUMENT_S3_ENDPOINT` and friends).
 */
export class TestS3Server {
  private constructor(
    private readonly server: S3rver,
    readonly directory: string,
    readonly endpoint: string,
    readonly bucket: string,
  ) {}

  static async start(bucket = 'corridor-documents'): Promise<TestS3Server> {
    const directory = mkdtempSync(join(tmpdir(), 'corridor-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = (await server.run()) as { port: number };
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
    return new TestS3Server(server, directory, endpoint, bucket);
  }

  /** The application's configuration for this server. */
  env(prefix = 'documents/'): Record<string, string> {
    return {
      DOCUMENT_STORE: 's3',
      DOCUMENT_S3_BUCKET: this.bucket,
      DOCUMENT_S3_ENDPOINT: this.endpoint,
      DOCUMENT_S3_REGION: 'us-east-1',
      DOCUMENT_S3_ACCESS_KEY_ID: 'S3RVER',
      DOCUMENT_S3_SECRET_ACCESS_KEY: 'S3RVER',
      DOCUMENT_S3_FORCE_PATH_STYLE: 'true',
      DOCUMENT_S3_PREFIX: prefix,
    };
  }

  /** Every file the server keeps on disk (objects and their metadata), for plaintext scans. */
  files(): Array<{ path: string; bytes: Buffer }> {
    const out: Array<{ path: string; bytes: Buffer }> = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push({ path, bytes: readFileSync(path) });
      }
    };
    walk(this.directory);
    return out;
  }

  /** Object files only (s3rver stores each object as `<key>._S3rver_object`). */
  objectCount(): number {
    return this.files().filter((file) => file.path.endsWith('._S3rver_object')).length;
  }

  async stop(): Promise<void> {
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
