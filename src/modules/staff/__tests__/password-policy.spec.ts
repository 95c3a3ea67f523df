import { commonPasswordCount, describePasswordProblems, passwordProblems } from '@modules/staff/password-policy';
import { hashCredential, issueCredential, looksLike } from '@modules/staff/credential-tokens';

describe('password policy', () => {
  it('ships a list of common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
  });

  it.each([
    ['zq8#Lm', ['too-short']],
    ['123qweasdzxc', ['common']],
    ['Qwerty123456', ['common']],
    ['aaaaaaaaaaaaaaaa', ['repetitive']],
    ['correct horse battery staple', []],
    ['Tbilisi-transit-2017-night', []],
  ])('judges %p', (password, problems) => {
    expect(passwordProblems(password)).toEqual(problems);
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblems('my-name-is-leyla.mammadova!', 'leyla.mammadova@example.org')).toContain('contains-email');
  });

  it('names each problem found, and only those', () => {
    expect(describePasswordProblems(passwordProblems('my-leyla.mammadova-2024', 'leyla.mammadova@example.org'))).toBe(
      'This password cannot be used: it contains your email address.',
    );
    expect(describePasswordProblems(['too-short', 'repetitive'])).toBe(
      'This password cannot be used: it is shorter than 12 characters; it uses too few different characters.',
    );
  });
});

describe('opaque credentials', () => {
  it('issues prefixed, high-entropy tokens and stores only a hash', () => {
    const access = issueCredential('Access');
    expect(looksLike('Access', access.token)).toBe(true);
    expect(looksLike('Refresh', access.token)).toBe(false);
    expect(access.hash).toBe(hashCredential(access.token));
    expect(access.hash).not.toContain(access.token.slice(4));
    expect(issueCredential('Access').token).not.toBe(access.token);
  });
});
