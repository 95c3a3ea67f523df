import { createDecipheriv, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { ProtectedFieldUnreadableException } from '@infra/crypto/crypto.exceptions';
import { DataKey } from '@infra/crypto/data-key';
import { EnvelopeError, HEADER_BYTES, IV_BYTES, openGcm, sealEnvelope } from '@infra/crypto/envelope';
import { FieldCipher, paddedLength, type FieldAad, type ProtectedValue } from '@infra/crypto/field-cipher';

describe('FieldCipher', () => {
  const cipher = new FieldCipher();
  const caseId = randomUUID();
  const dek = DataKey.generate({ type: 'case', id: caseId }, 1);
  const aad: FieldAad = { table: 'case_people', field: 'full_name', rowId: randomUUID(), ownerId: caseId, keyVersion: 1 };
  const name = 'Эльчин Мамедов';

  const unreadable = (action: () => unknown): ProtectedFieldUnreadableException => {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(ProtectedFieldUnreadableException);
      return error as ProtectedFieldUnreadableException;
    }
    throw new Error('decryption succeeded');
  };

  it.each<[string, ProtectedValue]>([
    ['text', name],
    ['empty text', ''],
    ['bytes', Buffer.from([0x00, 0x80, 0xff, 0x80, 0x00])],
    ['empty bytes', Buffer.alloc(0)],
    ['a JSON object', { channels: [{ type: 'signal', value: '+994 50 123 45 67' }], verified: true }],
    ['a JSON array', ['Məmmədov', 'Мамедов', 'Mamedov']],
    ['a number', 42],
    ['JSON null', null],
    ['a long narrative', 'x'.repeat(10_000)],
  ])('round-trips %s with its type', (_label, value) => {
    expect(cipher.decrypt(dek, aad, cipher.encrypt(dek, aad, value))).toEqual(value);
  });

  it('stores the versioned envelope: 1-byte version | 12-byte IV | 16-byte tag | ciphertext, and no plaintext', () => {
    const envelope = cipher.encrypt(dek, aad, name);
    expect(envelope[0]).toBe(0x01);
    expect(envelope.length).toBe(HEADER_BYTES + 32);
    expect(envelope.includes(Buffer.from(name))).toBe(false);
  });

  it('gives two encryptions of one plaintext different IVs and ciphertexts', () => {
    const envelopes = Array.from({ length: 50 }, () => cipher.encrypt(dek, aad, name));
    expect(new Set(envelopes.map((e) => e.subarray(1, 1 + IV_BYTES).toString('hex'))).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.toString('hex'))).size).toBe(50);
  });

  it('pads, so short values of different lengths encrypt to the same length', () => {
    const lengths = ['gay', 'bisexual', 'transgender woman', 'non-binary', ''].map((v) => cipher.encrypt(dek, aad, v).length);
    expect(new Set(lengths).size).toBe(1);
    expect(paddedLength(2)).toBe(32);
    expect(paddedLength(33)).toBe(64);
    expect(paddedLength(1000)).toBe(1024);
    expect(paddedLength(5000)).toBe(5120);
    expect(paddedLength(100_000)).toBe(106_496);
    for (let n = 512; n < 70_000; n += 97) expect(paddedLength(n) / n).toBeLessThanOrEqual(1.125);
  });

  describe('AAD: a value moved elsewhere does not decrypt', () => {
    const envelope = cipher.encrypt(dek, aad, name);

    it.each<[string, Partial<FieldAad>]>([
      ['another row', { rowId: randomUUID() }],
      ['another field', { field: 'alias' }],
      ['another table', { table: 'case_contacts' }],
      ['another key version', { keyVersion: 2 }],
      ['another owner', { ownerId: randomUUID() }],
    ])('%s', (_label, change) => {
      expect(unreadable(() => cipher.decrypt(dek, { ...aad, ...change }, envelope)).reason).toBe('authentication-failed');
    });

    it('another data key', () => {
      const other = DataKey.generate({ type: 'case', id: caseId }, 1);
      expect(unreadable(() => cipher.decrypt(other, aad, envelope)).reason).toBe('authentication-failed');
    });

    it('but the same place in another spelling of its uuid does', () => {
      expect(cipher.decrypt(dek, { ...aad, rowId: aad.rowId.toUpperCase() }, envelope)).toBe(name);
    });
  });

  it('rejects one flipped bit anywhere: version, IV, tag or ciphertext', () => {
    const envelope = cipher.encrypt(dek, aad, name);
    for (let bit = 0; bit < envelope.length * 8; bit += 1) {
      const tampered = Buffer.from(envelope);
      tampered[bit >> 3] = tampered[bit >> 3]! ^ (1 << (bit & 7));
      const error = unreadable(() => cipher.decrypt(dek, aad, tampered));
      const expected = bit < 8 ? 'unsupported-version' : 'authentication-failed';
      expect(error.reason).toBe(expected);
    }
  });

  it('refuses a truncated tag, which Node itself would accept without authTagLength', () => {
    // The hazard (DEP0182): a decipher created without authTagLength authenticates with 4 bytes of tag.
    const context = Buffer.from('context');
    const sealed = sealEnvelope(dek.key, Buffer.from(name), context);
    const [iv, tag, ciphertext] = [sealed.subarray(1, 13), sealed.subarray(13, 29), sealed.subarray(29)];
    const lax = createDecipheriv('aes-256-gcm', dek.key, iv);
    lax.setAAD(Buffer.concat([Buffer.of(1), context]));
    lax.setAuthTag(tag.subarray(0, 4));
    expect(Buffer.concat([lax.update(ciphertext), lax.final()]).toString()).toBe(name);

    for (const length of [4, 8, 12, 15]) {
      // The primitive refuses a short tag outright...
      expect(() => openGcm(dek.key, iv, tag.subarray(0, length), ciphertext, Buffer.concat([Buffer.of(1), context]))).toThrow(new EnvelopeError('short-tag'));
      // ...and a field envelope whose tag was cut short is refused before any decryption.
      const envelope = cipher.encrypt(dek, aad, name);
      const truncated = Buffer.concat([envelope.subarray(0, 13 + length), envelope.subarray(HEADER_BYTES)]);
      expect(unreadable(() => cipher.decrypt(dek, aad, truncated)).reason).toBe('malformed');
    }
  });

  it('refuses an unknown format version and malformed envelopes', () => {
    const envelope = cipher.encrypt(dek, aad, name);
    expect(unreadable(() => cipher.decrypt(dek, aad, Buffer.concat([Buffer.of(0x02), envelope.subarray(1)]))).reason).toBe('unsupported-version');
    expect(unreadable(() => cipher.decrypt(dek, aad, Buffer.concat([Buffer.of(0x00), envelope.subarray(1)]))).reason).toBe('unsupported-version');
    expect(unreadable(() => cipher.decrypt(dek, aad, Buffer.alloc(0))).reason).toBe('malformed');
    expect(unreadable(() => cipher.decrypt(dek, aad, envelope.subarray(0, HEADER_BYTES))).reason).toBe('malformed');
    expect(unreadable(() => cipher.decrypt(dek, aad, Buffer.concat([envelope, Buffer.alloc(32)]))).reason).toBe('authentication-failed');
  });

  it('says nothing about the value or its ciphertext when it fails', () => {
    const envelope = cipher.encrypt(dek, aad, name);
    const error = unreadable(() => cipher.decrypt(dek, { ...aad, field: 'alias' }, envelope));
    expect(error.code).toBe('protected-field-unreadable');
    const said = `${error.message} ${error.detail} ${JSON.stringify(error)} ${inspect(error)}`;
    expect(said).not.toContain(name);
    for (const encoding of ['hex', 'base64'] as const) {
      expect(said).not.toContain(envelope.toString(encoding).slice(0, 16));
      expect(said).not.toContain(envelope.subarray(HEADER_BYTES).toString(encoding).slice(0, 16));
    }
  });

  it('checks the decrypted type on request', () => {
    expect(cipher.decryptText(dek, aad, cipher.encrypt(dek, aad, name))).toBe(name);
    expect(unreadable(() => cipher.decryptText(dek, aad, cipher.encrypt(dek, aad, Buffer.from(name)))).reason).toBe('wrong-type');
    expect(cipher.decryptBytes(dek, aad, cipher.encrypt(dek, aad, Buffer.from(name)))).toEqual(Buffer.from(name));
  });

  it('refuses AAD parts that could be ambiguous or are plainly wrong', () => {
    expect(() => cipher.encrypt(dek, { ...aad, table: 'Cases; DROP' }, name)).toThrow(TypeError);
    expect(() => cipher.encrypt(dek, { ...aad, keyVersion: 0 }, name)).toThrow(TypeError);
    expect(() => cipher.encrypt(dek, { ...aad, rowId: '' }, name)).toThrow(TypeError);
  });

  it('never shows key material when a data key is logged or inspected', () => {
    const exported = dek.key.export();
    const shown = `${JSON.stringify({ dek })} ${inspect(dek)} ${inspect({ dek }, { depth: 5, showHidden: true })}`;
    for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(shown).not.toContain(exported.toString(encoding));
  });
});
