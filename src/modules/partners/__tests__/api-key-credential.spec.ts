import { apiKeyMatches, displayPrefix, generateApiKey, hashApiKey, parseApiKey } from '@modules/partners/api-key-credential';

describe('API key credentials', () => {
  it('issues cpk_<12 hex>_<43 base64url> keys carrying 256 random bits', () => {
    const { plaintext, lookupId } = generateApiKey();
    expect(plaintext).toMatch(/^cpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(plaintext.startsWith(`cpk_${lookupId}_`)).toBe(true);
    expect(Buffer.from(plaintext.slice(17), 'base64url')).toHaveLength(32);
  });

  it('never issues the same key or lookup id twice in a run', () => {
    const keys = Array.from({ length: 1000 }, generateApiKey);
    expect(new Set(keys.map((key) => key.plaintext)).size).toBe(1000);
    expect(new Set(keys.map((key) => key.lookupId)).size).toBe(1000);
  });

  it('stores the SHA-256 of the whole key, never the key', () => {
    const { plaintext, secretHash } = generateApiKey();
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).toBe(hashApiKey(plaintext));
    expect(secretHash).not.toContain(plaintext.slice(17));
  });

  it('parses the lookup id of a well-formed key, even when the secret holds underscores', () => {
    const key = `cpk_0123456789ab_${'_'.repeat(43)}`;
    expect(parseApiKey(key)).toEqual({ lookupId: '0123456789ab' });
  });

  it.each([
    ['no prefix', '0123456789ab_' + 'a'.repeat(43)],
    ['a staff token', 'cst_0123456789ab_' + 'a'.repeat(43)],
    ['upper-case lookup id', 'cpk_0123456789AB_' + 'a'.repeat(43)],
    ['short lookup id', 'cpk_0123456789a_' + 'a'.repeat(43)],
    ['short secret', 'cpk_0123456789ab_' + 'a'.repeat(42)],
    ['long secret', 'cpk_0123456789ab_' + 'a'.repeat(44)],
    ['padding', 'cpk_0123456789ab_' + 'a'.repeat(42) + '='],
    ['a trailing newline', 'cpk_0123456789ab_' + 'a'.repeat(43) + '\n'],
    ['empty', ''],
  ])('refuses %s', (_, key) => {
    expect(parseApiKey(key)).toBeNull();
  });

  it('matches the right key and refuses a tampered secret with the same lookup id', () => {
    const { plaintext, secretHash } = generateApiKey();
    expect(apiKeyMatches(plaintext, secretHash)).toBe(true);
    const last = plaintext.at(-1) === 'A' ? 'B' : 'A';
    expect(apiKeyMatches(plaintext.slice(0, -1) + last, secretHash)).toBe(false);
  });

  it('refuses against a malformed stored hash instead of throwing', () => {
    const { plaintext } = generateApiKey();
    expect(apiKeyMatches(plaintext, 'abc')).toBe(false);
  });

  it('shows admins the prefix and lookup id only', () => {
    expect(displayPrefix('0123456789ab')).toBe('cpk_0123456789ab');
  });
});
