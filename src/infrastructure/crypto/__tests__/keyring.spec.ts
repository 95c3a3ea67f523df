import { createSecretKey, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKeyUnavailableException } from '@infra/crypto/crypto.exceptions';
import { EnvelopeError } from '@infra/crypto/envelope';
import { Keyring } from '@infra/crypto/keyring';

describe('Keyring', () => {
  const bytes = { k1: randomBytes(32), k2: randomBytes(32) };
  const k1 = { id: 'k1', key: createSecretKey(bytes.k1) };
  const k2 = { id: 'k2', key: createSecretKey(bytes.k2) };
  const aad = Buffer.from('owner');

  it('seals under a named key and opens only with that key and AAD', () => {
    const ring = new Keyring(k2, [k1]);
    expect(ring.currentId).toBe('k2');
    expect(ring.ids).toEqual(['k2', 'k1']);
    const sealed = ring.seal('k1', Buffer.from('dek'), aad);
    expect(ring.open('k1', sealed, aad).toString()).toBe('dek');
    expect(() => ring.open('k2', sealed, aad)).toThrow(EnvelopeError);
    expect(() => ring.open('k1', sealed, Buffer.from('other owner'))).toThrow(EnvelopeError);
  });

  it('names a missing master key by id', () => {
    const ring = new Keyring(k2);
    expect(() => ring.open('k1', Buffer.alloc(61), aad)).toThrow(MasterKeyUnavailableException);
    expect(ring.without([]).ids).toEqual(['k2']);
    expect(new Keyring(k2, [k1]).without(['k1']).has('k1')).toBe(false);
    expect(() => new Keyring(k2, [k1]).without(['k2'])).toThrow();
  });

  it('prints ids, never key material', () => {
    const ring = new Keyring(k2, [k1]);
    const shown = `${JSON.stringify(ring)} ${inspect(ring, { showHidden: true, depth: 5 })}`;
    expect(shown).toContain('k2');
    for (const key of Object.values(bytes)) {
      expect(shown).not.toContain(key.toString('hex'));
      expect(shown).not.toContain(key.toString('base64'));
    }
  });
});
