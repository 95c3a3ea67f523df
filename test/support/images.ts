/**
 * Hand-made images carrying location metadata, for the metadata-removal tests. The EXIF is a real
 * TIFF structure (big-endian) with an IFD0 (Make, Model, GPS pointer) and a GPS IFD, so any EXIF
 * reader finds the coordinates.
 */
function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = marker;
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** 4 bytes inline, or data placed after the IFD. */
  data: Buffer;
}

/** Lays out one IFD at `start` (offset from the TIFF header), its out-of-line data after it. */
function ifd(entries: IfdEntry[], start: number, next = 0): Buffer {
  const tableBytes = 2 + entries.length * 12 + 4;
  let dataOffset = start + tableBytes;
  const table = Buffer.alloc(tableBytes);
  const extra: Buffer[] = [];
  table.writeUInt16BE(entries.length, 0);
  entries.forEach((entry, i) => {
    const at = 2 + i * 12;
    table.writeUInt16BE(entry.tag, at);
    table.writeUInt16BE(entry.type, at + 2);
    table.writeUInt32BE(entry.count, at + 4);
    if (entry.data.length <= 4) {
      entry.data.copy(table, at + 8);
    } else {
      table.writeUInt32BE(dataOffset, at + 8);
      const padded = entry.data.length % 2 === 0 ? entry.data : Buffer.concat([entry.data, Buffer.of(0)]);
      extra.push(padded);
      dataOffset += padded.length;
    }
  });
  table.writeUInt32BE(next, tableBytes - 4);
  return Buffer.concat([table, ...extra]);
}

const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;
const text = (value: string): Buffer => Buffer.from(`${value}\0`, 'latin1');
const long = (value: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
};
function degrees(value: number): Buffer {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  const b = Buffer.alloc(24);
  [d, 1, m, 1, s, 100].forEach((n, i) => b.writeUInt32BE(n, i * 4));
  return b;
}

/** The EXIF payload of an APP1 segment: `Exif\0\0` + TIFF with GPS and the camera model. */
export function exifWithGps(latitude: number, longitude: number, model: string): Buffer {
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]);
  const ifd0Entries = (gpsOffset: number): IfdEntry[] => [
    { tag: 0x010f, type: ASCII, count: 6, data: text('Phone') },
    { tag: 0x0110, type: ASCII, count: model.length + 1, data: text(model) },
    { tag: 0x8825, type: LONG, count: 1, data: long(gpsOffset) },
  ];
  const ifd0Length = ifd(ifd0Entries(0), 8).length;
  const gpsOffset = 8 + ifd0Length;
  const ifd0 = ifd(ifd0Entries(gpsOffset), 8);
  const gps = ifd(
    [
      { tag: 0x0000, type: 1, count: 4, data: Buffer.from([2, 3, 0, 0]) },
      { tag: 0x0001, type: ASCII, count: 2, data: text(latitude >= 0 ? 'N' : 'S') },
      { tag: 0x0002, type: RATIONAL, count: 3, data: degrees(latitude) },
      { tag: 0x0003, type: ASCII, count: 2, data: text(longitude >= 0 ? 'E' : 'W') },
      { tag: 0x0004, type: RATIONAL, count: 3, data: degrees(longitude) },
    ],
    gpsOffset,
  );
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), header, ifd0, gps]);
}

/** A JPEG's structure (not decodable pixels) with JFIF, EXIF with GPS, XMP, IPTC and a comment. */
export function jpegWithGps(options: { latitude: number; longitude: number; model: string; body?: Buffer }): Buffer {
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>${options.latitude}</exif:GPSLatitude></x:xmpmeta>`, 'latin1');
  const iptc = Buffer.from('Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02\x5a\x00\x09Safehouse', 'latin1');
  const dqt = Buffer.concat([Buffer.of(0), Buffer.alloc(64, 1)]);
  const sos = Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  const body = options.body ?? Buffer.from([0x12, 0x34, 0x56, 0x78]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xe1, exifWithGps(options.latitude, options.longitude, options.model)),
    segment(0xe1, xmp),
    segment(0xed, iptc),
    segment(0xfe, Buffer.from(`taken at ${options.model}`, 'latin1')),
    segment(0xdb, dqt),
    segment(0xda, sos),
    body,
    Buffer.from([0xff, 0xd9]),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 1×1 PNG with an eXIf chunk (GPS), a tEXt comment, an XMP iTXt and a tIME chunk. */
export function pngWithGps(options: { latitude: number; longitude: number; model: string }): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', exifWithGps(options.latitude, options.longitude, options.model).subarray(6)),
    pngChunk('tEXt', Buffer.from(`Comment\0${options.model}`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>${options.latitude}</x:xmpmeta>`, 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A WebP (VP8X) container with EXIF and XMP chunks and a stand-in image chunk. */
export function webpWithGps(options: { latitude: number; longitude: number; model: string }): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32LE(data.length, 4);
    return Buffer.concat([header, data, data.length % 2 ? Buffer.of(0) : Buffer.alloc(0)]);
  };
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x0c;
  const body = Buffer.concat([
    chunk('VP8X', vp8x),
    chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0])),
    chunk('EXIF', exifWithGps(options.latitude, options.longitude, options.model).subarray(6)),
    chunk('XMP ', Buffer.from(`<x:xmpmeta>${options.model}</x:xmpmeta>`, 'latin1')),
  ]);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
