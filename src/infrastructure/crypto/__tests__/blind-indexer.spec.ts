import { createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { BlindIndexer, DEFAULT_BLIND_INDEX_BYTES } from '@infra/crypto/blind-indexer';

describe('BlindIndexer', () => {
  const keyBytes = randomBytes(32);
  const indexer = new BlindIndexer(createSecretKey(keyBytes));

  it('is deterministic per purpose and value, 64 bits of hex by default', () => {
    const first = indexer.compute('case.person_name.v1', 'mamedov');
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(DEFAULT_BLIND_INDEX_BYTES).toBe(8);
    expect(indexer.compute('case.person_name.v1', 'mamedov')).toBe(first);
    expect(indexer.compute('case.person_name.v1', 'mammadov')).not.toBe(first);
  });

  it('derives one key per purpose with HKDF(info = purpose), so fields never share a key', () => {
    const byName = indexer.compute('case.person_name.v1', '1990-05-01');
    const byBirth = indexer.compute('case.birth_date.v1', '1990-05-01');
    expect(byName).not.toBe(byBirth);
    const derived = Buffer.from(hkdfSync('sha256', keyBytes, 'corridor.blind-index.v1', 'case.birth_date.v1', 32));
    expect(byBirth).toBe(createHmac('sha256', derived).update('1990-05-01').digest().subarray(0, 8).toString('hex'));
    // Never the index key itself.
    expect(byBirth).not.toBe(createHmac('sha256', keyBytes).update('1990-05-01').digest().subarray(0, 8).toString('hex'));
  });

  it('depends on the index key', () => {
    const other = new BlindIndexer(createSecretKey(randomBytes(32)));
    expect(other.compute('case.person_name.v1', 'mamedov')).not.toBe(indexer.compute('case.person_name.v1', 'mamedov'));
  });

  it('takes an explicit length, as a prefix of the full HMAC', () => {
    const full = indexer.compute('case.phone.v1', '+994501234567', 32);
    expect(full).toHaveLength(64);
    expect(indexer.compute('case.phone.v1', '+994501234567', 2)).toBe(full.slice(0, 4));
    expect(() => indexer.compute('case.phone.v1', 'x', 1)).toThrow(RangeError);
    expect(() => indexer.compute('case.phone.v1', 'x', 33)).toThrow(RangeError);
  });

  it('refuses purposes that are not dotted names', () => {
    expect(() => indexer.compute('', 'x')).toThrow(TypeError);
    expect(() => indexer.compute('name', 'x')).toThrow(TypeError);
    expect(() => indexer.compute('Case.Name', 'x')).toThrow(TypeError);
  });

  it('never shows its key', () => {
    const shown = `${JSON.stringify({ indexer })} ${inspect(indexer, { showHidden: true, depth: 5 })}`;
    expect(shown).not.toContain(keyBytes.toString('hex'));
    expect(shown).not.toContain(keyBytes.toString('base64'));
  });
});
