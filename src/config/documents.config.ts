import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

export const DOCUMENT_STORES = ['postgres', 's3'] as const;
export type DocumentStoreKind = (typeof DOCUMENT_STORES)[number];

const bool = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value === 'true' : value);
const needsS3 = (config: DocumentsConfig): boolean => config.store === 's3';

export class DocumentsConfig {
  @Env('DOCUMENT_MAX_BYTES', {
    description:
      'Largest case document a staff upload may carry (413 beyond). Images are held in memory once while their metadata is removed, so this also bounds that.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  maxBytes = 25 * 1024 * 1024;

  @Env('DOCUMENT_STORE', {
    description:
      'Where encrypted document segments are stored: `postgres` (rows in `document_segments`, nothing else to run) or `s3` (an S3-compatible bucket: AWS S3, MinIO, Ceph).',
  })
  @IsIn(DOCUMENT_STORES)
  store: DocumentStoreKind = 'postgres';

  @Env('DOCUMENT_UPLOAD_ABANDON_MINUTES', {
    description: 'An upload whose metadata has not committed after this long is treated as abandoned and its stored segments are deleted.',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  abandonMinutes = 60;

  @Env('DOCUMENT_S3_BUCKET', { description: 'With `DOCUMENT_STORE=s3`: the bucket (must exist).' })
  @ValidateIf(needsS3)
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
  s3Bucket?: string;

  @Env('DOCUMENT_S3_ENDPOINT', {
    description: 'With `DOCUMENT_STORE=s3`: base URL of an S3-compatible service (e.g. `https://minio.internal:9000`); unset for AWS S3.',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  s3Endpoint?: string;

  @Env('DOCUMENT_S3_REGION', { description: 'With `DOCUMENT_STORE=s3`: the region.' })
  @IsString()
  @MaxLength(64)
  s3Region = 'us-east-1';

  @Env('DOCUMENT_S3_ACCESS_KEY_ID', {
    description: "With `DOCUMENT_STORE=s3`: access key id; unset, the AWS SDK's default credential chain (instance role, environment) is used.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  s3AccessKeyId?: string;

  @Env('DOCUMENT_S3_SECRET_ACCESS_KEY', { description: 'With `DOCUMENT_S3_ACCESS_KEY_ID`: the secret access key.', secret: true })
  @ValidateIf((config: DocumentsConfig) => config.s3AccessKeyId !== undefined)
  @IsString()
  @MaxLength(256)
  s3SecretAccessKey?: string;

  @Env('DOCUMENT_S3_FORCE_PATH_STYLE', {
    description: '`true` for path-style bucket addressing (`endpoint/bucket/key`), which MinIO and most self-hosted services need.',
  })
  @Transform(bool)
  @IsBoolean()
  s3ForcePathStyle = false;

  @Env('DOCUMENT_S3_PREFIX', { description: 'Key prefix for document objects in the bucket (letters, digits, `/`, `-`, `_`).' })
  @Matches(/^[A-Za-z0-9/_-]{0,64}$/)
  s3Prefix = 'documents/';
}
