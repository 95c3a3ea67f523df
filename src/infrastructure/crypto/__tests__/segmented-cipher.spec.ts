import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { DataKey } from '@infra/crypto/data-key';
import {
  SEGMENT_TAG_BYTES,
  SegmentStreamError,
  decryptSegments,
  deriveStreamKey,
  encryptSegments,
  newStreamSalt,
  segmentCount,
  type StreamBinding,
} from '@infra/crypto/segmented-cipher';

function chunksOf(bytes: Buffer, chunk: number): AsyncIterable<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunk) parts.push(bytes.subarray(offset, offset + chunk));
  return fromList(parts);
}
const fromList = (list: Buffer[]): AsyncIterable<Buffer> => Readable.from(list);
async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const item of source) out.push(Buffer.from(item));
  return out;
}

describe('segmented stream cipher', () => {
  const caseId = randomUUID();
  const dek = DataKey.generate({ type: 'case', id: caseId }, 1);
  const SEG = 64;
  const stream = (overrides: Partial<StreamBinding> = {}): { binding: StreamBinding; salt: Buffer } => ({
    binding: { streamId: randomUUID(), ownerId: caseId, keyVersion: 1, segmentBytes: SEG, ...overrides },
    salt: newStreamSalt(),
  });
  const seal = async (plaintext: Buffer, s = stream(), chunk = 7) => ({
    ...s,
    segments: await collect(encryptSegments(deriveStreamKey(dek, s.binding, s.salt), s.binding, chunksOf(plaintext, chunk))),
  });
  const open = async (s: { binding: StreamBinding; salt: Buffer }, segments: Buffer[], key = dek) =>
    Buffer.concat(await collect(decryptSegments(deriveStreamKey(key, s.binding, s.salt), s.binding, fromList(segments))));
  const refused = async (promise: Promise<unknown>): Promise<SegmentStreamError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(SegmentStreamError);
      return error as SegmentStreamError;
    }
    throw new Error('decryption succeeded');
  };

  it.each([0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG - 1, 2 * SEG, 2 * SEG + 1, 10 * SEG + 13])(
    'round-trips %i bytes in segments of one size, the last flagged final',
    async (size) => {
      const plaintext = randomBytes(size);
      const sealed = await seal(plaintext);
      expect(sealed.segments).toHaveLength(segmentCount(size, SEG));
      sealed.segments.slice(0, -1).forEach((segment) => expect(segment.length).toBe(SEG + SEGMENT_TAG_BYTES));
      expect(await open(sealed, sealed.segments)).toEqual(plaintext);
    },
  );

  it('round-trips whatever chunks the source yields (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5 * SEG }), fc.integer({ min: 1, max: 3 * SEG }), async (bytes, chunk) => {
        const plaintext = Buffer.from(bytes);
        const sealed = await seal(plaintext, stream(), chunk);
        expect(await open(sealed, sealed.segments)).toEqual(plaintext);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves no plaintext in the sealed segments', async () => {
    const marker = Buffer.from('MARKER-passport-AZ1234567');
    const sealed = await seal(Buffer.concat([marker, marker, marker]));
    expect(Buffer.concat(sealed.segments).includes(marker)).toBe(false);
  });

  describe('refuses tampering with a reason and no content', () => {
    const plaintext = Buffer.from('SECRET-CONTENT '.repeat(20));

    it('a flipped byte in any segment', async () => {
      const sealed = await seal(plaintext);
      for (let i = 0; i < sealed.segments.length; i++) {
        const copy = sealed.segments.map((s) => Buffer.from(s));
        const target = copy[i]!;
        target[i % target.length] = (target[i % target.length] ?? 0) ^ 0x01;
        const error = await refused(open(sealed, copy));
        expect(error.reason).toBe('authentication-failed');
        expect(error.segment).toBe(i);
        expect(error.message).not.toContain('SECRET');
      }
    });

    it('a dropped last segment (truncation), even when it ends on a segment boundary', async () => {
      const sealed = await seal(randomBytes(3 * SEG));
      expect((await refused(open(sealed, sealed.segments.slice(0, -1)))).reason).toBe('truncated');
      expect((await refused(open(sealed, []))).reason).toBe('truncated');
    });

    it('a dropped middle segment, a duplicated one, two swapped', async () => {
      const sealed = await seal(plaintext);
      const [a, b, c, ...rest] = sealed.segments as [Buffer, Buffer, Buffer, ...Buffer[]];
      expect((await refused(open(sealed, [a, c, ...rest]))).reason).toBe('authentication-failed');
      expect((await refused(open(sealed, [a, b, b, c, ...rest]))).reason).toBe('authentication-failed');
      expect((await refused(open(sealed, [b, a, c, ...rest]))).reason).toBe('authentication-failed');
    });

    it('a segment appended after the final one', async () => {
      const sealed = await seal(plaintext);
      expect((await refused(open(sealed, [...sealed.segments, sealed.segments[0]!]))).reason).toBe('trailing-segment');
    });

    it('a segment from another stream of the same case, at the same index', async () => {
      const one = await seal(plaintext);
      const other = await seal(plaintext);
      const mixed = [...one.segments];
      mixed[1] = other.segments[1]!;
      expect((await refused(open(one, mixed))).reason).toBe('authentication-failed');
    });

    it('a stream read as another stream id, another case, or with another data key', async () => {
      const sealed = await seal(plaintext);
      expect((await refused(open({ ...sealed, binding: { ...sealed.binding, streamId: randomUUID() } }, sealed.segments))).reason).toBe(
        'authentication-failed',
      );
      const otherCase = DataKey.generate({ type: 'case', id: randomUUID() }, 1);
      expect((await refused(open({ ...sealed, binding: { ...sealed.binding, ownerId: otherCase.owner.id } }, sealed.segments, otherCase))).reason).toBe(
        'authentication-failed',
      );
      const sameOwnerNewKey = DataKey.generate({ type: 'case', id: caseId }, 1);
      expect((await refused(open(sealed, sealed.segments, sameOwnerNewKey))).reason).toBe('authentication-failed');
    });

    it('a segment cut below its tag or grown beyond a full segment', async () => {
      const sealed = await seal(plaintext);
      expect((await refused(open(sealed, [sealed.segments[0]!.subarray(0, 10)]))).reason).toBe('malformed');
      expect((await refused(open(sealed, [Buffer.concat([sealed.segments[0]!, Buffer.of(0)])]))).reason).toBe('malformed');
      // A full segment cut short now claims to be the last one: its tag says otherwise.
      expect((await refused(open(sealed, [sealed.segments[0]!.subarray(0, SEG)]))).reason).toBe('authentication-failed');
    });

    it('releases no plaintext of a segment that failed', async () => {
      const sealed = await seal(plaintext);
      const copy = sealed.segments.map((s) => Buffer.from(s));
      copy[2]![0] = (copy[2]![0] ?? 0) ^ 0x80;
      const released: Buffer[] = [];
      const key = deriveStreamKey(dek, sealed.binding, sealed.salt);
      await refused(
        (async () => {
          for await (const part of decryptSegments(key, sealed.binding, fromList(copy))) released.push(Buffer.from(part));
        })(),
      );
      expect(Buffer.concat(released)).toEqual(plaintext.subarray(0, 2 * SEG));
    });
  });

  it('refuses a binding that does not match the data key', () => {
    const s = stream({ ownerId: randomUUID() });
    expect(() => deriveStreamKey(dek, s.binding, s.salt)).toThrow(TypeError);
    expect(() => deriveStreamKey(dek, stream().binding, Buffer.alloc(5))).toThrow(TypeError);
  });
});
