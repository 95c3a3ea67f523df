import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { castPeople } from '../cast';
import { generatePeople } from '../people';
import { base32Decode, totpCode } from '../totp';
import { WebhookReceiver } from '../webhook-receiver';

describe('demo parts', () => {
  describe('generated people', () => {
    it('are the same for the same seed and differ for another', () => {
      expect(generatePeople(50)).toEqual(generatePeople(50));
      expect(generatePeople(50, 1)).not.toEqual(generatePeople(50));
    });

    it('look plausible and never share a phone number (the log scan relies on distinct values)', () => {
      const people = generatePeople(500);
      expect(new Set(people.map((p) => p.phone)).size).toBe(500);
      for (const p of people) {
        expect(p.phone).toMatch(/^\+994 (50|51|55|70|77) \d{3} \d{2} \d{2}$/);
        expect(p.dateOfBirth).toMatch(/^(19[7-9]\d|200[01])-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
        expect(p.patronymic).toMatch(/( oğlu| qızı|vich|vna)$/);
        // Someone persecuted: at least one threat, not merely a passport.
        expect(p.riskFactors.filter((f) => f !== 'HOLDS_VALID_TRAVEL_DOCUMENT').length).toBeGreaterThan(0);
        expect(p.narrative.length).toBeGreaterThan(10);
      }
      const women = people.filter((p) => p.gender === 'woman');
      expect(women.every((p) => !/(ov|ev)$/.test(p.familyName))).toBe(true);
    });
  });

  describe('casting', () => {
    it.each([12, 200])('gives every part of the story to someone among %i people', (count) => {
      const cast = castPeople(generatePeople(count));
      const accepted = cast.filter((c) => c.accepted);
      // One accepted application, in Georgia, under an acute threat: triage makes it EMERGENCY, so it can be expedited.
      expect(accepted).toHaveLength(1);
      expect(accepted[0]?.host).toBe('GE');
      expect(accepted[0]?.person.riskFactors).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(DETAINED_OR_RECENTLY_RELEASED|POLICE_SUMMONS_OR_SEARCH|NAMED_BY_DETAINEE)$/)]),
      );
      expect(cast.filter((c) => c.underDuress).map((c) => c.host)).toEqual(['TR']);
      expect(cast.filter((c) => c.goesSilent).length).toBeGreaterThan(0);
      expect(cast.some((c) => c.goesSilent && (c.accepted || c.underDuress))).toBe(false);
      expect(new Set(cast.map((c) => c.host))).toEqual(new Set(['GE', 'TR', null]));
      // Referrals in both waves, so both reach the service before and after the activation.
      expect(new Set(cast.filter((c) => c.via === 'partner').map((c) => c.wave))).toEqual(new Set([1, 2]));
    });
  });

  describe('webhook receiver', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = JSON.stringify({ type: 'case.shared', data: { caseReference: 'C-ABCD-EFGH' } });

    it('accepts what an independent Standard Webhooks implementation signs', () => {
      const receiver = new WebhookReceiver('test');
      receiver.useSecret(secret);
      const now = new Date();
      const signature = new Webhook(secret).sign('msg_1', now, body);
      const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': `v1,bogus ${signature}` };
      expect(receiver.verify(headers, body)).toBe(true);
    });

    it('keeps each delivery with its type, data and body, and counts the verified ones by type', async () => {
      const receiver = new WebhookReceiver('test');
      receiver.useSecret(secret);
      const url = await receiver.start();
      try {
        const now = new Date();
        const signed = {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign('msg_1', now, body),
        };
        expect((await fetch(url, { method: 'POST', headers: signed, body })).status).toBe(204);
        expect((await fetch(url, { method: 'POST', headers: { ...signed, 'webhook-signature': 'v1,forged' }, body })).status).toBe(401);
        expect(receiver.events).toEqual([
          { type: 'case.shared', verified: true, data: { caseReference: 'C-ABCD-EFGH' }, body },
          { type: 'case.shared', verified: false, data: { caseReference: 'C-ABCD-EFGH' }, body },
        ]);
        expect(receiver.countsByType()).toEqual({ 'case.shared': 1 });
      } finally {
        await receiver.stop();
      }
    });

    it('refuses a changed body, another secret, a stale timestamp and missing headers', () => {
      const receiver = new WebhookReceiver('test');
      receiver.useSecret(secret);
      const now = new Date();
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signature = new Webhook(secret).sign('msg_1', now, body);
      expect(receiver.verify({ 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp, 'webhook-signature': signature }, `${body} `)).toBe(false);
      const other = new Webhook(`whsec_${randomBytes(32).toString('base64')}`).sign('msg_1', now, body);
      expect(receiver.verify({ 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp, 'webhook-signature': other }, body)).toBe(false);
      const old = new Date(now.getTime() - 600_000);
      const stale = new Webhook(secret).sign('msg_1', old, body);
      expect(receiver.verify({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(old.getTime() / 1000)), 'webhook-signature': stale }, body)).toBe(
        false,
      );
      expect(receiver.verify({ 'webhook-id': 'msg_1', 'webhook-timestamp': timestamp }, body)).toBe(false);
    });
  });

  it('computes TOTP codes as RFC 6238 says (its SHA-1 test vector)', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits; 6 shown).
    const secret = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpCode(secret, 1)).toBe('287082');
  });
});
