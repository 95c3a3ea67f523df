import { canonicalJson, requestFingerprint } from '../request-fingerprint';

describe('request fingerprint', () => {
  it('ignores member order at every level, and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(requestFingerprint('post', '/partner/v1/referrals', {}, { b: 1, a: 2 })).toBe(
      requestFingerprint('POST', '/partner/v1/referrals', {}, { a: 2, b: 1 }),
    );
  });

  it('tells apart another body, another route, another method and other path parameters', () => {
    const base = requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, { channel: 'CALL' });
    expect(
      new Set([
        base,
        requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, { channel: 'VISIT' }),
        requestFingerprint('POST', '/partner/v1/cases/:ref/service-updates', { ref: 'CR-AAAAAAAA' }, { channel: 'CALL' }),
        requestFingerprint('PUT', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, { channel: 'CALL' }),
        requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-BBBBBBBB' }, { channel: 'CALL' }),
        // An array is not an object with index keys, and a string is not a number.
        requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, ['CALL']),
        requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, { channel: 'CALL', n: '1' }),
        requestFingerprint('POST', '/partner/v1/cases/:ref/check-ins', { ref: 'CR-AAAAAAAA' }, { channel: 'CALL', n: 1 }),
      ]).size,
    ).toBe(8);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
