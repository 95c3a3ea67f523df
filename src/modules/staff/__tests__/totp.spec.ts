import { base32Decode, base32Encode, matchTotp, otpauthUri, totpCode, totpStep } from '@modules/staff/totp';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B: the SHA-1 seed is "12345678901234567890"; 8-digit codes.
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC vector at t=%i', (seconds, expected) => {
    expect(totpCode(seed, totpStep(seconds * 1000), 8)).toBe(expected);
  });

  it('accepts the current code and one step of drift either way, not two', () => {
    const at = 1_700_000_000_000;
    const step = totpStep(at);
    expect(matchTotp(seed, totpCode(seed, step), at)).toBe(step);
    expect(matchTotp(seed, totpCode(seed, step - 1), at)).toBe(step - 1);
    expect(matchTotp(seed, totpCode(seed, step + 1), at)).toBe(step + 1);
    expect(matchTotp(seed, totpCode(seed, step - 2), at)).toBeNull();
  });

  it('refuses malformed codes', () => {
    expect(matchTotp(seed, '12345', 0)).toBeNull();
    expect(matchTotp(seed, 'abcdef', 0)).toBeNull();
  });

  it('round-trips base32 (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(seed))).toEqual(seed);
  });

  it('builds an otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('Corridor', 'leyla@example.org', seed);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Corridor%3Aleyla%40example\.org\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(base32Encode(seed));
  });
});
