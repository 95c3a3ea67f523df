import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { isPublicAddress, normalizeHost } from '../egress/address-policy';
import { excerptOf, RESPONSE_EXCERPT_BYTES } from '../egress/egress-client';
import { MAX_DELIVERY_ATTEMPTS, MAX_RETRY_AFTER_MS, MIN_RETRY_DELAY_MS, parseRetryAfter, RETRY_CEILINGS_MS, retryDelayMs } from '../retry-schedule';
import { generateWebhookSecret, secretKey, signWebhook } from '../webhook-signature';

describe('egress address policy', () => {
  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.0.1',
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '169.254.169.254',
    '169.254.1.1',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '2002:7f00:1::1',
    '64:ff9b::7f00:1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('allows public %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  // Issue 15, finding 5: IPv4-compatible IPv6 (::/96) was accepted, reaching loopback, metadata and private networks.
  it.each([
    ['[::127.0.0.1]', 'IPv4-compatible loopback'],
    ['[::7f00:1]', 'IPv4-compatible loopback, hex'],
    ['[::a9fe:a9fe]', 'IPv4-compatible metadata service'],
    ['[::a00:1]', 'IPv4-compatible 10/8'],
    ['[::c0a8:101]', 'IPv4-compatible 192.168/16'],
    ['[::8.8.8.8]', 'IPv4-compatible, even of a public address (::/96 is deprecated)'],
    ['[::ffff:7f00:1]', 'IPv4-mapped loopback, hex'],
    ['[::ffff:a9fe:a9fe]', 'IPv4-mapped metadata service'],
    ['[::ffff:0:7f00:1]', 'IPv4-translated loopback'],
    ['[64:ff9b::a9fe:a9fe]', 'NAT64 metadata service'],
    ['[64:ff9b:1::a00:1]', 'local-use NAT64'],
    ['[2002:a9fe:a9fe::1]', '6to4 of the metadata service'],
    ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', 'Teredo'],
    ['[2606:4700::5efe:7f00:1]', 'ISATAP carrying loopback'],
    ['[2606:4700::200:5efe:a00:1]', 'ISATAP carrying 10/8'],
  ])('refuses %s (%s) as a URL host', (host) => {
    expect(isPublicAddress(normalizeHost(new URL(`https://${host}/hook`).hostname))).toBe(false);
  });

  it.each(['[::ffff:5db8:d822]', '[2606:4700::5efe:5db8:d822]', '[2a00:1450:4001:82b::200e]'])('allows the public %s', (host) => {
    expect(isPublicAddress(normalizeHost(new URL(`https://${host}/hook`).hostname))).toBe(true);
  });

  it('normalizes hosts the way the allowlist stores them', () => {
    expect(normalizeHost('[::1]')).toBe('::1');
    expect(normalizeHost('Hooks.Example.ORG.')).toBe('hooks.example.org');
  });
});

describe('retry schedule', () => {
  it('waits between the floor and each attempt’s ceiling, and stops after the last attempt', () => {
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      expect(retryDelayMs(attempt, null, () => 0)).toBe(MIN_RETRY_DELAY_MS);
      expect(retryDelayMs(attempt, null, () => 0.999999)).toBeLessThanOrEqual(RETRY_CEILINGS_MS[attempt - 1]!);
      expect(retryDelayMs(attempt, null, () => 0.999999)).toBeGreaterThan(RETRY_CEILINGS_MS[attempt - 1]! * 0.99);
    }
    expect(retryDelayMs(MAX_DELIVERY_ATTEMPTS, null)).toBeNull();
  });

  it('spreads a delivery over about a day on average', () => {
    const expected = RETRY_CEILINGS_MS.reduce((sum, ceiling) => sum + (ceiling + MIN_RETRY_DELAY_MS) / 2, 0);
    expect(expected / 3_600_000).toBeGreaterThan(20);
    expect(expected / 3_600_000).toBeLessThan(28);
  });

  it('never retries sooner than Retry-After asks, up to a day', () => {
    expect(retryDelayMs(1, 3_600_000, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1, 10 * 86_400_000, () => 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(7, 1_000, () => 0.5)).toBeGreaterThan(1_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 13:00:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('Standard Webhooks signature', () => {
  it('makes secrets of 32 random bytes in the whsec_ format', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs id.timestamp.body with the decoded secret, as the reference implementation does', () => {
    const secret = generateWebhookSecret();
    const body = '{"type":"case.shared","timestamp":"2026-03-01T12:00:00.000Z","data":{"caseReference":"CR-1"}}';
    const headers = signWebhook(secret, 'msg_1', 1_772_366_400, body);
    const expected = createHmac('sha256', secretKey(secret)).update(`msg_1.1772366400.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', new Date(1_772_366_400_000), body));
  });
});

describe('response excerpt', () => {
  it('keeps at most 256 bytes, whole characters only, no NULs', () => {
    expect(excerptOf(Buffer.from('é'.repeat(200)))!.length).toBe(128);
    expect(Buffer.byteLength(excerptOf(Buffer.from(`a${'é'.repeat(200)}`))!)).toBeLessThanOrEqual(RESPONSE_EXCERPT_BYTES);
    expect(excerptOf(Buffer.from('a\u0000b'))).toBe('ab');
    expect(excerptOf(Buffer.alloc(0))).toBeNull();
  });
});
