import { randomBytes } from 'node:crypto';
import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';

const key = (): string => randomBytes(32).toString('base64');

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('configuration was accepted');
}

describe('crypto configuration', () => {
  it('needs nothing by default: keys are resolved later, and only there may files be touched', () => {
    const { crypto } = loadConfig({});
    expect(crypto.masterKeyConfigured).toBe(false);
    expect(crypto.indexKeyConfigured).toBe(false);
    expect(crypto.previousMasterKeys).toEqual([]);
    expect(crypto.keyDir).toBe('~/.corridor/keys');
  });

  it('reads keys, ids and previous keys', () => {
    const [current, previous, index] = [key(), key(), key()];
    const { crypto } = loadConfig({
      CORRIDOR_MASTER_KEY: current,
      CORRIDOR_MASTER_KEY_ID: 'k2',
      CORRIDOR_PREVIOUS_MASTER_KEYS: `k1:${previous}, k0:${key()}`,
      CORRIDOR_INDEX_KEY: index,
    });
    expect(crypto.masterKey).toBe(current);
    expect(crypto.masterKeyId).toBe('k2');
    expect(crypto.previousMasterKeys).toEqual([`k1:${previous}`, expect.stringMatching(/^k0:/)]);
    expect(crypto.indexKey).toBe(index);
  });

  it('refuses keys that are not 32 bytes of base64, naming the variable and never the value', () => {
    const short = randomBytes(16).toString('base64');
    const long = randomBytes(33).toString('base64');
    const message = configError({
      CORRIDOR_MASTER_KEY: short,
      CORRIDOR_MASTER_KEY_ID: 'k1',
      CORRIDOR_INDEX_KEY: long,
      CORRIDOR_PREVIOUS_MASTER_KEYS: `k0:${short}`,
    });
    expect(message).toMatch(/CORRIDOR_MASTER_KEY:/);
    expect(message).toMatch(/CORRIDOR_INDEX_KEY:/);
    expect(message).toMatch(/CORRIDOR_PREVIOUS_MASTER_KEYS:/);
    for (const secret of [short, long]) expect(message).not.toContain(secret);
  });

  it('needs an id with the key, and one source per key', () => {
    const master = key();
    const message = configError({ CORRIDOR_MASTER_KEY: master, CORRIDOR_INDEX_KEY: key(), CORRIDOR_INDEX_KEY_FILE: '/run/secrets/index' });
    expect(message).toMatch(/CORRIDOR_MASTER_KEY_ID: .*required when CORRIDOR_MASTER_KEY is set/);
    expect(message).toMatch(/CORRIDOR_INDEX_KEY_FILE: set either CORRIDOR_INDEX_KEY or CORRIDOR_INDEX_KEY_FILE, not both/);
    expect(message).not.toContain(master);
    expect(configError({ CORRIDOR_MASTER_KEY: key(), CORRIDOR_MASTER_KEY_ID: 'k1', CORRIDOR_MASTER_KEY_FILE: '/run/secrets/master' })).toMatch(
      /CORRIDOR_MASTER_KEY_FILE: set either/,
    );
    expect(configError({ CORRIDOR_MASTER_KEY: key(), CORRIDOR_MASTER_KEY_ID: 'k 1' })).toMatch(/CORRIDOR_MASTER_KEY_ID: must be/);
  });

  it('wants an absolute key directory', () => {
    expect(configError({ CORRIDOR_KEY_DIR: 'keys' })).toMatch(/CORRIDOR_KEY_DIR:/);
    expect(loadConfig({ CORRIDOR_KEY_DIR: '/srv/keys' }).crypto.keyDir).toBe('/srv/keys');
  });
});
