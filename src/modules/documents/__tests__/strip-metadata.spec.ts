import exifr from 'exifr';
import { sniffMediaType } from '@modules/documents/domain/media-type';
import { MalformedImageError, stripImageMetadata } from '@modules/documents/domain/strip-metadata';
import { jpegWithGps, pngWithGps, webpWithGps } from '@test/support/images';

const place = { latitude: 41.7151, longitude: 44.8271, model: 'MARKER-PhoneModel-X9' };

describe('location metadata removal', () => {
  it('the hand-made JPEG really carries GPS for an independent EXIF reader', async () => {
    const gps = await exifr.gps(jpegWithGps(place));
    expect(gps?.latitude).toBeCloseTo(place.latitude, 3);
    expect(gps?.longitude).toBeCloseTo(place.longitude, 3);
  });

  it('JPEG: EXIF (GPS, model), XMP, IPTC and the comment are gone; the rest is byte-identical', async () => {
    const original = jpegWithGps(place);
    const { bytes, removed } = stripImageMetadata('image/jpeg', original);
    expect(removed).toEqual(['COMMENT', 'EXIF', 'IPTC', 'XMP']);
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes, { xmp: true, iptc: true, tiff: true, gps: true })).toBeUndefined();
    expect(bytes.includes(Buffer.from(place.model))).toBe(false);
    expect(bytes.includes(Buffer.from('Safehouse'))).toBe(false);
    expect(sniffMediaType(bytes)).toEqual({ kind: 'allowed', mediaType: 'image/jpeg' });
    // JFIF header, the quantisation table and the scan survive.
    expect(bytes.includes(Buffer.from('JFIF'))).toBe(true);
    expect(bytes.subarray(-6)).toEqual(original.subarray(-6));
  });

  it('JPEG without metadata comes back unchanged, and reports nothing removed', () => {
    const clean = stripImageMetadata('image/jpeg', jpegWithGps(place)).bytes;
    expect(stripImageMetadata('image/jpeg', clean)).toEqual({ bytes: clean, removed: [] });
  });

  it('PNG: eXIf, text, XMP and tIME chunks are gone', async () => {
    const original = pngWithGps(place);
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(place.latitude, 3);
    const { bytes, removed } = stripImageMetadata('image/png', original);
    expect(removed).toEqual(['EXIF', 'TEXT', 'TIMESTAMP', 'XMP']);
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(bytes.includes(Buffer.from(place.model))).toBe(false);
    for (const chunk of ['IHDR', 'IDAT', 'IEND']) expect(bytes.includes(Buffer.from(chunk))).toBe(true);
  });

  it('WebP: EXIF and XMP chunks are gone, their VP8X flags cleared and the RIFF size right', () => {
    const { bytes, removed } = stripImageMetadata('image/webp', webpWithGps(place));
    expect(removed).toEqual(['EXIF', 'XMP']);
    expect(bytes.includes(Buffer.from(place.model))).toBe(false);
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(bytes[20]! & 0x0c).toBe(0);
    // exifr reads no WebP: look for the chunks themselves.
    expect(bytes.includes(Buffer.from('EXIF'))).toBe(false);
    expect(bytes.includes(Buffer.from('XMP '))).toBe(false);
    expect(bytes.includes(Buffer.from('VP8L'))).toBe(true);
  });

  it('refuses an image whose structure is broken rather than passing it through', () => {
    const jpeg = jpegWithGps(place);
    expect(() => stripImageMetadata('image/jpeg', jpeg.subarray(0, 30))).toThrow(MalformedImageError);
    const png = pngWithGps(place);
    expect(() => stripImageMetadata('image/png', png.subarray(0, 40))).toThrow(MalformedImageError);
  });

  it('decides the type from magic bytes only, and refuses HEIC and anything unknown', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toEqual({ kind: 'allowed', mediaType: 'application/pdf' });
    expect(sniffMediaType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'))).toEqual({ kind: 'refused', reason: 'heic-metadata' });
    expect(sniffMediaType(Buffer.from('<html><script>'))).toEqual({ kind: 'refused', reason: 'unknown' });
    expect(sniffMediaType(Buffer.alloc(0))).toEqual({ kind: 'refused', reason: 'unknown' });
  });
});
