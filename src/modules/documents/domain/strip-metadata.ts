import type { DocumentMediaType } from './media-type';

/** What was taken out of an image, by name (EXIF carries GPS position and the device model). */
export type RemovedMetadata = 'EXIF' | 'XMP' | 'IPTC' | 'COMMENT' | 'TEXT' | 'TIMESTAMP' | 'OTHER_APP_SEGMENT';

export interface Stripped {
  bytes: Buffer;
  removed: RemovedMetadata[];
}

/** The image's structure is broken: it cannot be rewritten safely, so it is refused. */
export class MalformedImageError extends Error {
  constructor(readonly mediaType: DocumentMediaType) {
    super(`malformed ${mediaType}`);
    this.name = 'MalformedImageError';
  }
}

/** Removes EXIF, XMP, IPTC and text metadata from a JPEG, PNG or WebP image, keeping the pixels. */
export function stripImageMetadata(mediaType: DocumentMediaType, image: Buffer): Stripped {
  switch (mediaType) {
    case 'image/jpeg':
      return stripJpeg(image);
    case 'image/png':
      return stripPng(image);
    case 'image/webp':
      return stripWebp(image);
    default:
      return { bytes: image, removed: [] };
  }
}

const sorted = (removed: Set<RemovedMetadata>): RemovedMetadata[] => [...removed].sort();

/**
 * JPEG: copies the marker segments up to the scan, dropping APP1 (EXIF — GPS, camera — and XMP),
 * APP13 (IPTC/Photoshop), COM and every other APPn but APP0 (JFIF), APP2 (ICC colour profile)
 * and APP14 (Adobe colour transform), which the pixels need. The entropy-coded data after SOS
 * (and anything after it) is copied as it is. Orientation lives in EXIF: a rotated photo may show
 * sideways after this.
 */
export function stripJpeg(image: Buffer): Stripped {
  if (image.length < 4 || image[0] !== 0xff || image[1] !== 0xd8) throw new MalformedImageError('image/jpeg');
  const removed = new Set<RemovedMetadata>();
  const kept: Buffer[] = [image.subarray(0, 2)];
  let offset = 2;
  for (;;) {
    if (offset + 4 > image.length) throw new MalformedImageError('image/jpeg');
    if (image[offset] !== 0xff) throw new MalformedImageError('image/jpeg');
    const marker = image[offset + 1] ?? 0;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Standalone markers without a length (TEM, RSTn) should not appear before SOS; EOI ends it.
    if (marker === 0xd9) {
      kept.push(image.subarray(offset));
      break;
    }
    const length = image.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > image.length) throw new MalformedImageError('image/jpeg');
    const segment = image.subarray(offset, offset + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the rest is image data.
      kept.push(image.subarray(offset));
      break;
    }
    const kind = jpegMetadataKind(marker, segment.subarray(4));
    if (kind) removed.add(kind);
    else kept.push(segment);
    offset += 2 + length;
  }
  return { bytes: Buffer.concat(kept), removed: sorted(removed) };
}

function jpegMetadataKind(marker: number, payload: Buffer): RemovedMetadata | null {
  if (marker === 0xfe) return 'COMMENT';
  if (marker < 0xe0 || marker > 0xef) return null;
  if (marker === 0xe0 || marker === 0xe2 || marker === 0xee) return null;
  if (marker === 0xe1) {
    if (payload.subarray(0, 6).toString('latin1') === 'Exif\0\0') return 'EXIF';
    return payload.subarray(0, 28).toString('latin1').startsWith('http://ns.adobe.com/') ? 'XMP' : 'OTHER_APP_SEGMENT';
  }
  if (marker === 0xed) return 'IPTC';
  return 'OTHER_APP_SEGMENT';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED: Record<string, RemovedMetadata> = { eXIf: 'EXIF', tEXt: 'TEXT', iTXt: 'TEXT', zTXt: 'TEXT', tIME: 'TIMESTAMP' };

/**
 * PNG: copies the chunks, dropping eXIf (EXIF), tEXt/iTXt/zTXt (text, where XMP and camera data
 * go) and tIME. CRCs of kept chunks are left as they are (the chunks are copied whole).
 */
export function stripPng(image: Buffer): Stripped {
  if (image.length < 8 || !image.subarray(0, 8).equals(PNG_SIGNATURE)) throw new MalformedImageError('image/png');
  const removed = new Set<RemovedMetadata>();
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  while (offset < image.length) {
    if (offset + 12 > image.length) throw new MalformedImageError('image/png');
    const length = image.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > image.length) throw new MalformedImageError('image/png');
    const type = image.subarray(offset + 4, offset + 8).toString('latin1');
    const dropped = PNG_DROPPED[type];
    if (dropped) {
      removed.add(type === 'iTXt' && image.subarray(offset + 8, offset + 8 + 17).toString('latin1') === 'XML:com.adobe.xmp' ? 'XMP' : dropped);
    } else {
      kept.push(image.subarray(offset, end));
    }
    offset = end;
    if (type === 'IEND') break;
  }
  return { bytes: Buffer.concat(kept), removed: sorted(removed) };
}

/**
 * WebP: a RIFF container. Drops the `EXIF` and `XMP ` chunks, clears their flags in `VP8X` and
 * rewrites the RIFF size.
 */
export function stripWebp(image: Buffer): Stripped {
  if (image.length < 12 || image.subarray(0, 4).toString('latin1') !== 'RIFF' || image.subarray(8, 12).toString('latin1') !== 'WEBP')
    throw new MalformedImageError('image/webp');
  const removed = new Set<RemovedMetadata>();
  const kept: Buffer[] = [];
  let offset = 12;
  while (offset < image.length) {
    if (offset + 8 > image.length) throw new MalformedImageError('image/webp');
    const type = image.subarray(offset, offset + 4).toString('latin1');
    const size = image.readUInt32LE(offset + 4);
    const end = offset + 8 + size + (size % 2);
    if (end > image.length + (size % 2)) throw new MalformedImageError('image/webp');
    const chunk = Buffer.from(image.subarray(offset, Math.min(end, image.length)));
    if (type === 'EXIF') removed.add('EXIF');
    else if (type === 'XMP ') removed.add('XMP');
    else {
      // VP8X flags: bit 3 EXIF, bit 2 XMP.
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = (chunk[8] ?? 0) & ~0x0c;
      kept.push(chunk);
    }
    offset = end;
  }
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return { bytes: Buffer.concat([header, body]), removed: sorted(removed) };
}
