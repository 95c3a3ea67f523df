import { Transform } from 'class-transformer';
import { IsDefined, IsEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

/** Standard base64 of exactly 32 bytes: 43 characters and one `=`. */
export const BASE64_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
/** Key ids travel in every wrapped data key row; short, plain and unambiguous in `id:key` lines. */
export const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
/** One keyring entry as written in env lists and key files: `id:base64key`. */
export const KEY_ENTRY = new RegExp(`^${KEY_ID.source.slice(1, -1)}:${BASE64_KEY.source.slice(1, -1)}$`);

const KEY_MESSAGE = 'must be the base64 of exactly 32 random bytes (`npm run cli -- keys:generate`)';
const ID_MESSAGE = 'must be 1–32 letters, digits, `.`, `_` or `-`';

const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
    : value;

/**
 * Where the keys of envelope encryption come from. This section only reads and checks the
 * variables; files are read (and development keys generated) by `loadKeyMaterial` in
 * infrastructure/crypto, so loading configuration never touches the disk.
 */
export class CryptoConfig {
  @Env('CORRIDOR_MASTER_KEY', {
    description:
      'Current master key (key-encryption key): base64 of 32 random bytes (`npm run cli -- keys:generate`). Wraps every data key. Required in production unless `CORRIDOR_MASTER_KEY_FILE` is set.',
    secret: true,
  })
  @IsOptional()
  @Matches(BASE64_KEY, { message: KEY_MESSAGE })
  masterKey?: string;

  @Env('CORRIDOR_MASTER_KEY_ID', {
    description: 'Id of `CORRIDOR_MASTER_KEY` (e.g. `k2`; 1–32 letters, digits, `.`, `_`, `-`), stored beside every data key it wraps. Required with it.',
  })
  @ValidateIf((config: CryptoConfig) => config.masterKey !== undefined || config.masterKeyId !== undefined)
  @IsDefined({ message: 'required when CORRIDOR_MASTER_KEY is set' })
  @Matches(KEY_ID, { message: ID_MESSAGE })
  masterKeyId?: string;

  @Env('CORRIDOR_MASTER_KEY_FILE', {
    description: 'Instead of the two above: path to a file (a secret mount) holding one line `id:base64key`.',
  })
  @ValidateIf((config: CryptoConfig) => config.masterKey !== undefined)
  @IsEmpty({ message: 'set either CORRIDOR_MASTER_KEY or CORRIDOR_MASTER_KEY_FILE, not both' })
  @IsOptional()
  @IsString()
  masterKeyFile?: string;

  @Env('CORRIDOR_PREVIOUS_MASTER_KEYS', {
    description: 'Comma-separated `id:base64key` master keys that still unwrap data keys during a rotation. Remove each once `keys:rotate` reports it unused.',
    secret: true,
  })
  @Transform(list)
  @Matches(KEY_ENTRY, { each: true, message: `each entry must be \`id:base64key\`; the key ${KEY_MESSAGE}` })
  previousMasterKeys: string[] = [];

  @Env('CORRIDOR_PREVIOUS_MASTER_KEYS_FILE', {
    description: 'Path to a file of previous master keys, one `id:base64key` per line (`#` comments allowed); adds to the variable above.',
  })
  @IsOptional()
  @IsString()
  previousMasterKeysFile?: string;

  @Env('CORRIDOR_INDEX_KEY', {
    description:
      'Blind-index key (HMAC, for duplicate detection without plaintext): base64 of 32 random bytes, different from every master key. Required in production unless `CORRIDOR_INDEX_KEY_FILE` is set.',
    secret: true,
  })
  @IsOptional()
  @Matches(BASE64_KEY, { message: KEY_MESSAGE })
  indexKey?: string;

  @Env('CORRIDOR_INDEX_KEY_FILE', { description: 'Instead of `CORRIDOR_INDEX_KEY`: path to a file holding the base64 index key.' })
  @ValidateIf((config: CryptoConfig) => config.indexKey !== undefined)
  @IsEmpty({ message: 'set either CORRIDOR_INDEX_KEY or CORRIDOR_INDEX_KEY_FILE, not both' })
  @IsOptional()
  @IsString()
  indexKeyFile?: string;

  @Env('CORRIDOR_KEY_DIR', {
    description:
      'Outside production, where a master key and an index key are generated on first start when none are configured (`master.key`, `index.key`, mode 0600, directory 0700), with a warning. Must lie outside the application directory.',
  })
  @IsString()
  @Matches(/^(~|~\/.*|\/.*)$/, { message: 'must be an absolute path (or start with `~/`)' })
  keyDir = '~/.corridor/keys';

  /** Whether a current master key is configured; if not, outside production, one is generated. */
  get masterKeyConfigured(): boolean {
    return this.masterKey !== undefined || this.masterKeyFile !== undefined;
  }

  get indexKeyConfigured(): boolean {
    return this.indexKey !== undefined || this.indexKeyFile !== undefined;
  }
}
