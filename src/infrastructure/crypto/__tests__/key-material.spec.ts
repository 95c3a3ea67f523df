import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';
import { DEV_INDEX_KEY_FILE, DEV_MASTER_KEY_FILE, devKeyWarning, findAppRoot, loadKeyMaterial, type KeyMaterial } from '@infra/crypto/key-material';

const key = (): string => randomBytes(32).toString('base64');

describe('key material', () => {
  let dir: string;
  const load = (env: Record<string, string>, mode: 'development' | 'test' | 'production' = 'development'): KeyMaterial =>
    loadKeyMaterial(loadConfig({ CORRIDOR_KEY_DIR: join(dir, 'keys'), ...env }).crypto, mode);
  const failure = (action: () => unknown): ConfigError => {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('keys were accepted');
  };
  /** True when `a` wraps what `b` unwraps: the same current master key. */
  const sameMaster = (a: KeyMaterial, b: KeyMaterial): boolean => {
    const aad = Buffer.from('probe');
    try {
      return b.keyring.open(b.keyring.currentId, a.keyring.seal(a.keyring.currentId, Buffer.from('x'), aad), aad).toString() === 'x';
    } catch {
      return false;
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('in production', () => {
    it('refuses to start without a master key or an index key, naming both variables', () => {
      const message = failure(() => load({}, 'production')).message;
      expect(message).toMatch(/CORRIDOR_MASTER_KEY: required in production/);
      expect(message).toMatch(/CORRIDOR_INDEX_KEY: required in production/);
      // And generates nothing.
      expect(() => statSync(join(dir, 'keys'))).toThrow();
    });

    it('names the one that is missing', () => {
      const message = failure(() => load({ CORRIDOR_MASTER_KEY: key(), CORRIDOR_MASTER_KEY_ID: 'k1' }, 'production')).message;
      expect(message).not.toMatch(/CORRIDOR_MASTER_KEY:/);
      expect(message).toMatch(/CORRIDOR_INDEX_KEY: required in production/);
    });

    it('starts with both from variables', () => {
      const material = load({ CORRIDOR_MASTER_KEY: key(), CORRIDOR_MASTER_KEY_ID: 'k1', CORRIDOR_INDEX_KEY: key() }, 'production');
      expect(material.keyring.ids).toEqual(['k1']);
      expect(material.development).toBeUndefined();
      expect(devKeyWarning(material)).toBeUndefined();
    });

    it('starts with both from files (secret mounts), with previous keys from a list and a file', () => {
      const [current, indexKey, previous1, previous0] = [key(), key(), key(), key()];
      writeFileSync(join(dir, 'master'), `k3:${current}\n`);
      writeFileSync(join(dir, 'index'), `${indexKey}\n`);
      writeFileSync(join(dir, 'previous'), `# retired 2026-01\nk1:${previous1}\n\n`);
      const material = load(
        {
          CORRIDOR_MASTER_KEY_FILE: join(dir, 'master'),
          CORRIDOR_INDEX_KEY_FILE: join(dir, 'index'),
          CORRIDOR_PREVIOUS_MASTER_KEYS: `k0:${previous0}`,
          CORRIDOR_PREVIOUS_MASTER_KEYS_FILE: join(dir, 'previous'),
        },
        'production',
      );
      expect(material.keyring.currentId).toBe('k3');
      expect(material.keyring.ids).toEqual(['k3', 'k0', 'k1']);
    });

    it('explains unreadable and malformed key files without quoting them', () => {
      const secret = key();
      writeFileSync(join(dir, 'master'), `${secret}\n`);
      const message = failure(() =>
        load({ CORRIDOR_MASTER_KEY_FILE: join(dir, 'master'), CORRIDOR_INDEX_KEY_FILE: join(dir, 'missing') }, 'production'),
      ).message;
      expect(message).toMatch(/CORRIDOR_MASTER_KEY_FILE: line 1 .* not `id:base64key`/);
      expect(message).toMatch(/CORRIDOR_INDEX_KEY_FILE: cannot read the file \(ENOENT\)/);
      expect(message).not.toContain(secret);
    });

    it('refuses a reused id, a reused key, and an index key equal to a master key', () => {
      const [a, b] = [key(), key()];
      expect(
        failure(() =>
          load({ CORRIDOR_MASTER_KEY: a, CORRIDOR_MASTER_KEY_ID: 'k1', CORRIDOR_PREVIOUS_MASTER_KEYS: `k1:${b}`, CORRIDOR_INDEX_KEY: key() }, 'production'),
        ).message,
      ).toMatch(/id k1 is configured twice/);
      expect(
        failure(() =>
          load({ CORRIDOR_MASTER_KEY: a, CORRIDOR_MASTER_KEY_ID: 'k2', CORRIDOR_PREVIOUS_MASTER_KEYS: `k1:${a}`, CORRIDOR_INDEX_KEY: key() }, 'production'),
        ).message,
      ).toMatch(/k1 has the same material/);
      const message = failure(() => load({ CORRIDOR_MASTER_KEY: a, CORRIDOR_MASTER_KEY_ID: 'k1', CORRIDOR_INDEX_KEY: a }, 'production')).message;
      expect(message).toMatch(/CORRIDOR_INDEX_KEY: must differ from every master key/);
      expect(message).not.toContain(a);
    });
  });

  describe('the development default', () => {
    it('generates both keys on first start, private to the user, and reuses them afterwards', () => {
      const first = load({});
      const keys = join(dir, 'keys');
      expect(first.development).toEqual({ dir: keys, keys: ['master', 'index'], generated: ['master', 'index'] });
      expect(statSync(keys).mode & 0o777).toBe(0o700);
      for (const file of [DEV_MASTER_KEY_FILE, DEV_INDEX_KEY_FILE]) expect(statSync(join(keys, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(keys, DEV_MASTER_KEY_FILE), 'utf8')).toMatch(/^dev-[0-9a-f]{8}:[A-Za-z0-9+/]{43}=\n$/);
      expect(devKeyWarning(first)).toMatch(/^SECURITY WARNING: .*generated a new master key and index key in /);

      const second = load({});
      expect(second.development?.generated).toEqual([]);
      expect(second.keyring.currentId).toBe(first.keyring.currentId);
      expect(sameMaster(first, second)).toBe(true);
      expect(devKeyWarning(second)).toMatch(/using the development master key and index key from /);
    });

    it('generates only what is not configured', () => {
      const material = load({ CORRIDOR_MASTER_KEY: key(), CORRIDOR_MASTER_KEY_ID: 'k1' }, 'test');
      expect(material.keyring.currentId).toBe('k1');
      expect(material.development).toEqual({ dir: join(dir, 'keys'), keys: ['index'], generated: ['index'] });
    });

    it('refuses key files others can read, and directories others can write', () => {
      load({});
      chmodSync(join(dir, 'keys', DEV_MASTER_KEY_FILE), 0o644);
      expect(failure(() => load({})).message).toMatch(/CORRIDOR_KEY_DIR: master.key is readable by other users/);
      const open = join(dir, 'open');
      mkdirSync(open, { mode: 0o777 });
      chmodSync(open, 0o777);
      expect(failure(() => load({ CORRIDOR_KEY_DIR: open })).message).toMatch(/CORRIDOR_KEY_DIR: the directory is writable by other users/);
    });

    it('refuses a key directory inside the application directory', () => {
      const root = findAppRoot(__dirname)!;
      expect(readFileSync(join(root, 'package.json'), 'utf8')).toMatch(/"name": "corridor"/);
      expect(failure(() => load({ CORRIDOR_KEY_DIR: join(root, '.corridor', 'keys') })).message).toMatch(
        /CORRIDOR_KEY_DIR: must lie outside the application directory/,
      );
      expect(() => statSync(join(root, '.corridor'))).toThrow();
    });
  });
});
