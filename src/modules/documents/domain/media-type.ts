/** Media types a case document may have, decided from its first bytes only (never the name or the declared type). */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** Bytes `sniffMediaType` needs to decide (fewer only when the whole file is shorter). */
export const SNIFF_BYTES = 16;

export type Sniffed = { kind: 'allowed'; mediaType: DocumentMediaType } | { kind: 'refused'; reason: 'heic-metadata' | 'unknown' };

const startsWith = (head: Buffer, signature: readonly number[], offset = 0): boolean =>
  head.length >= offset + signature.length && signature.every((byte, i) => head[offset + i] === byte);
const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

/**
 * A small signature table: PDF (`%PDF-`), JPEG (SOI + a marker), PNG (its 8-byte signature), WebP
 * (`RIFF….WEBP`). HEIC/HEIF (`….ftypheic` etc.) is recognised and refused: its location metadata
 * sits in item boxes no well-kept JavaScript library rewrites, so it could not be removed.
 */
export function sniffMediaType(head: Buffer): Sniffed {
  if (startsWith(head, ascii('%PDF-'))) return { kind: 'allowed', mediaType: 'application/pdf' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'allowed', mediaType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'allowed', mediaType: 'image/png' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { kind: 'allowed', mediaType: 'image/webp' };
  if (
    startsWith(head, ascii('ftyp'), 4) &&
    ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1', 'avif'].includes(head.subarray(8, 12).toString('latin1'))
  ) {
    return { kind: 'refused', reason: 'heic-metadata' };
  }
  return { kind: 'refused', reason: 'unknown' };
}

export const isImage = (mediaType: DocumentMediaType): boolean => mediaType.startsWith('image/');
