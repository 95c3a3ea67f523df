import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  GENESIS_HASH,
  canonicalAuditObject,
  canonicalAuditRow,
  canonicalJson,
  chainHash,
  sealedHash,
  type CanonicalAuditRow,
} from '@modules/audit/audit-canonical';

const row = (overrides: Partial<CanonicalAuditRow> = {}): CanonicalAuditRow => ({
  seq: '1',
  id: '6f1c0a52-5a3e-4d55-9c55-0d2f5f0f7a01',
  occurredAt: new Date('2026-01-15T09:00:00.123Z'),
  actorType: 'staff',
  actorId: 'b1a7e0b4-8a7c-4e43-bb38-1a7d2f0e9c11',
  actorCredentialId: null,
  action: 'case.read',
  resourceType: 'case',
  resourceId: 'c-1',
  caseId: null,
  outcome: 'SUCCESS',
  requestId: 'req-1',
  details: { fields: ['name', 'phone'], count: 2 },
  sealedAt: new Date('2026-01-15T09:00:01Z'),
  ...overrides,
});

describe('audit canonical form', () => {
  it('is the exact documented string: column names sorted, nulls written, ms timestamps, seq as a string', () => {
    expect(canonicalAuditRow(row())).toBe(
      '{"action":"case.read","actor_credential_id":null,"actor_id":"b1a7e0b4-8a7c-4e43-bb38-1a7d2f0e9c11","actor_type":"staff",' +
        '"case_id":null,"details":{"count":2,"fields":["name","phone"]},"id":"6f1c0a52-5a3e-4d55-9c55-0d2f5f0f7a01",' +
        '"occurred_at":"2026-01-15T09:00:00.123Z","outcome":"SUCCESS","request_id":"req-1","resource_id":"c-1",' +
        '"resource_type":"case","sealed_at":"2026-01-15T09:00:01.000Z","seq":"1"}',
    );
  });

  it('does not depend on the order keys arrive in, at any depth', () => {
    const a = row({ details: { b: 1, a: { y: true, x: 'v' }, c: ['z', 'a'] } });
    const b = row({ details: { c: ['z', 'a'], a: { x: 'v', y: true }, b: 1 } });
    expect(canonicalAuditRow(a)).toBe(canonicalAuditRow(b));
    // Array order is meaning, not presentation.
    expect(canonicalAuditRow(row({ details: { c: ['a', 'z'] } }))).not.toBe(canonicalAuditRow(row({ details: { c: ['z', 'a'] } })));
  });

  it('writes timestamps in UTC whatever offset they were created with', () => {
    expect(canonicalAuditRow(row({ occurredAt: new Date('2026-01-15T12:00:00.123+03:00') }))).toBe(canonicalAuditRow(row()));
  });

  it('changes with every covered column', () => {
    const base = canonicalAuditRow(row());
    const changes: Array<Partial<CanonicalAuditRow>> = [
      { seq: '2' },
      { id: '6f1c0a52-5a3e-4d55-9c55-0d2f5f0f7a02' },
      { occurredAt: new Date('2026-01-15T09:00:00.124Z') },
      { actorType: 'partner' },
      { actorId: null },
      { actorCredentialId: '7d8e9f00-0000-4000-8000-000000000000' },
      { action: 'case.export' },
      { resourceType: 'person' },
      { resourceId: null },
      { caseId: '11111111-1111-4111-8111-111111111111' },
      { outcome: 'DENIED' },
      { requestId: null },
      { details: {} },
      { sealedAt: new Date('2026-01-15T09:00:02Z') },
    ];
    for (const change of changes) expect(canonicalAuditRow(row(change))).not.toBe(base);
  });

  it('keeps a null and an empty string apart, and a number and its string', () => {
    expect(canonicalAuditRow(row({ resourceId: '' }))).not.toBe(canonicalAuditRow(row({ resourceId: null })));
    expect(canonicalJson({ n: 1 })).not.toBe(canonicalJson({ n: '1' }));
  });

  it('escapes strings as JSON does, so no value can forge structure', () => {
    const forged = row({ resourceId: 'x","action":"case.read' });
    expect(canonicalAuditRow(forged)).toContain('"resource_id":"x\\",\\"action\\":\\"case.read"');
    expect(canonicalJson('Məmmədov\n')).toBe('"Məmmədov\\n"');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalAuditRow(row({ occurredAt: new Date('nonsense') }))).toThrow(TypeError);
  });

  it('hashes SHA-256 over prev_hash, a newline and the canonical form, in lowercase hex', () => {
    const canonical = canonicalAuditRow(row());
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(chainHash(GENESIS_HASH, canonical)).toBe(expected);
    expect(sealedHash(GENESIS_HASH, row())).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('binds each hash to the previous one', () => {
    const first = sealedHash(GENESIS_HASH, row());
    expect(sealedHash(first, row({ seq: '2' }))).not.toBe(sealedHash(GENESIS_HASH, row({ seq: '2' })));
  });
});

describe('audit canonical form, fast path', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 20 });
  const nullableText = fc.option(text, { nil: null });
  const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
  const detailValue = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(text, { maxLength: 4 }));
  const rows = fc.record({
    seq: fc.bigInt({ min: 1n, max: 2n ** 53n }).map(String),
    id: fc.uuid(),
    occurredAt: instant,
    actorType: text,
    actorId: nullableText,
    actorCredentialId: nullableText,
    action: text,
    resourceType: text,
    resourceId: nullableText,
    caseId: nullableText,
    outcome: text,
    requestId: nullableText,
    details: fc.dictionary(text, detailValue, { maxKeys: 6 }),
    sealedAt: instant,
  });

  it('is exactly canonicalJson of the documented object, for any row', () => {
    fc.assert(
      fc.property(rows, (row) => {
        expect(canonicalAuditRow(row)).toBe(canonicalJson(canonicalAuditObject(row)));
        // And it is JSON that reads back as the same object.
        expect(JSON.parse(canonicalAuditRow(row))).toEqual(JSON.parse(JSON.stringify(canonicalAuditObject(row))));
      }),
      { numRuns: 500 },
    );
  });

  it('takes seq as digits or as a safe integer, and writes it as digits either way', () => {
    expect(canonicalAuditRow(row({ seq: 42 }))).toBe(canonicalAuditRow(row({ seq: '42' })));
    for (const seq of [0, -1, 1.5, 2 ** 53, Number.NaN]) expect(() => canonicalAuditRow(row({ seq }))).toThrow(TypeError);
  });

  it('refuses a column that is not a string where one is expected', () => {
    expect(() => canonicalAuditRow(row({ action: 7 as unknown as string }))).toThrow(TypeError);
    expect(() => canonicalAuditRow(row({ actorId: undefined as unknown as null }))).toThrow(TypeError);
  });
});
