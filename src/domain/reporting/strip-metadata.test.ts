import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectImageFormat,
  stripImageMetadata,
  UnsupportedImage,
  type ImageFormat,
  type StrippedImage,
} from './strip-metadata.ts';

// The corpus is built here, in code: every photo carries canary strings wherever phones and editors
// put identifying metadata, and the tests check that no canary survives in any encoding while the
// picture's own bytes come through untouched.

type Part = Uint8Array | readonly number[] | string;

/** Concatenates parts; strings are written one byte per character (latin1). */
function bytesOf(...parts: Part[]): Uint8Array {
  const arrays = parts.map((part) =>
    typeof part === 'string' ? Uint8Array.from(part, (character) => character.charCodeAt(0)) : Uint8Array.from(part),
  );
  const result = new Uint8Array(arrays.reduce((total, array) => total + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    result.set(array, offset);
    offset += array.length;
  }
  return result;
}

const uint16 = (value: number): number[] => [(value >>> 8) & 0xff, value & 0xff];
const uint32 = (value: number): number[] => [...uint16(Math.floor(value / 0x10000)), ...uint16(value & 0xffff)];
const uint64 = (value: number): number[] => [...uint32(Math.floor(value / 0x100000000)), ...uint32(value >>> 0)];
const uint32LittleEndian = (value: number): number[] => uint32(value).reverse();
const uint24LittleEndian = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff];
const unsigned = (size: 0 | 4 | 8, value: number): number[] =>
  size === 0 ? [] : size === 4 ? uint32(value) : uint64(value);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const result = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    result[index * 2 + (littleEndian ? 0 : 1)] = code & 0xff;
    result[index * 2 + (littleEndian ? 1 : 0)] = code >>> 8;
  }
  return result;
}

/** The bytes as a string of one character per byte, to search for byte sequences. */
function binary(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  }
  return text;
}

/** Whether the canary appears in the bytes as latin1 or UTF-8 text, or as UTF-16 in either byte order. */
function contains(bytes: Uint8Array, canary: string): boolean {
  const haystack = binary(bytes);
  return [bytesOf(canary), utf16(canary, true), utf16(canary, false)].some((needle) =>
    haystack.includes(binary(needle)),
  );
}

function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const value of bytes) crc = (CRC_TABLE[(crc ^ value) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zlib stream of one stored (uncompressed) block, so text inside stays searchable. */
function zlibStored(data: Uint8Array): Uint8Array {
  // Adler-32: a running sum of the bytes and a running sum of those sums.
  let byteSum = 1;
  let sumOfSums = 0;
  for (const value of data) {
    byteSum = (byteSum + value) % 65521;
    sumOfSums = (sumOfSums + byteSum) % 65521;
  }
  const length = [data.length & 0xff, data.length >>> 8];
  const complement = [~data.length & 0xff, (~data.length >>> 8) & 0xff];
  return bytesOf([0x78, 0x01, 0x01], length, complement, data, uint32(sumOfSums * 65536 + byteSum));
}

/** A seeded generator (mulberry32), so a failing corpus can be rebuilt exactly. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
  integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.next() * (maximum - minimum + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.next() * values.length)];
    if (value === undefined) throw new Error('nothing to pick from');
    return value;
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => Math.floor(this.next() * 256));
  }
  shuffle<T>(values: T[]): T[] {
    for (let index = values.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [values[index], values[other]] = [values[other] as T, values[index] as T];
    }
    return values;
  }
}

/** One generated photo: its bytes, the canaries planted in it, and what stripping must give. */
interface Sample {
  readonly format: ImageFormat;
  readonly bytes: Uint8Array;
  readonly canaries: readonly string[];
  /** The picture's own bytes, which must come through unchanged. */
  readonly imageData: readonly Uint8Array[];
  readonly expected: Uint8Array;
}

const PLACES = ['51.5074N', '48.8566N', '40.7128N', '6.5244N', '13.7563N', '44.4268N'];
const PEOPLE = ['Ana Popescu', 'Jose Garcia', 'Amina Diallo', 'Nguyen Van An', 'Olga Ivanova'];
const DEVICES = ['iPhone 15 Pro', 'SM-G991B', 'Pixel 8', 'Redmi Note 12', 'Canon EOS R6'];

/** Plants canaries, each unique, so each one found in an output is counted once. */
class Canaries {
  readonly planted: string[] = [];
  constructor(
    private readonly random: Random,
    private readonly prefix: string,
  ) {}
  gps(): string {
    return this.plant(`GPS-${this.random.pick(PLACES)}`);
  }
  author(): string {
    return this.plant(`AUTHOR-${this.random.pick(PEOPLE)}`);
  }
  device(): string {
    return this.plant(`DEVICE-${this.random.pick(DEVICES)}`);
  }
  plant(kind: string): string {
    const canary = `CANARY-${kind}-${this.prefix}${this.planted.length}`;
    this.planted.push(canary);
    return canary;
  }
}

/** Scan data as an encoder writes it: every 0xff escaped by 0x00, sometimes restart markers between intervals. */
function entropyCodedData(random: Random): Uint8Array {
  const values: number[] = [];
  const restarts = random.chance(0.3);
  const length = random.integer(16, 400);
  for (let index = 0; index < length; index += 1) {
    const value = random.integer(0, 255);
    values.push(value);
    if (value === 0xff) values.push(0x00);
    if (restarts && index % 50 === 49) values.push(0xff, 0xd0 + ((index / 50) % 8));
  }
  return bytesOf(values);
}

function jpegSegment(marker: number, ...payload: Part[]): Uint8Array {
  const body = bytesOf(...payload);
  return bytesOf([0xff, marker], uint16(body.length + 2), body);
}

function jpegSample(random: Random, index: number): Sample {
  const canaries = new Canaries(random, `J${index}-`);
  const exif = () =>
    jpegSegment(
      0xe1,
      'Exif\0\0MM\0*',
      uint32(8),
      random.bytes(random.integer(0, 40)),
      canaries.gps(),
      '\0',
      utf16(canaries.author(), true), // XPAuthor is UTF-16LE
      canaries.device(),
      '\0',
    );
  const xmp = () =>
    jpegSegment(
      0xe1,
      'http://ns.adobe.com/xap/1.0/\0',
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:creator="${canaries.author()}" `,
      `exif:GPSLatitude="${canaries.gps()}"/></rdf:RDF></x:xmpmeta>`,
    );
  const iptc = (byline: string) =>
    jpegSegment(
      0xed,
      'Photoshop 3.0\0' + '8BIM',
      [0x04, 0x04, 0, 0],
      uint32(byline.length + 5),
      [0x1c, 0x02, 0x50],
      uint16(byline.length),
      byline,
    );
  const comment = () => jpegSegment(0xfe, canaries.plant('COMMENT'));
  const icc = () => jpegSegment(0xe2, 'ICC_PROFILE\0', [1, 1], 'desc', canaries.device());
  const jfxx = () => jpegSegment(0xe0, 'JFXX\0', [0x13], canaries.plant('THUMBNAIL'));
  const dqt = jpegSegment(0xdb, [0], random.bytes(64));
  const sof = jpegSegment(0xc0, [8], uint16(random.integer(1, 4000)), uint16(random.integer(1, 4000)), [3, 1, 0x22, 0]);
  const dht = jpegSegment(0xc4, [0x00], random.bytes(16 + random.integer(1, 12)));
  const adobe = jpegSegment(0xee, 'Adobe', [0, 100, 0, 0, 0, 0, 1]);
  const dri = jpegSegment(0xdd, uint16(50));
  const headers: { segment: Uint8Array; kept: boolean }[] = [
    ...Array.from({ length: random.integer(1, 3) }, () => ({ segment: exif(), kept: false })),
    { segment: dqt, kept: true },
    { segment: sof, kept: true },
    { segment: dht, kept: true },
    { segment: dri, kept: true },
  ];
  if (random.chance(0.8)) headers.push({ segment: xmp(), kept: false });
  if (random.chance(0.7)) headers.push({ segment: iptc(canaries.plant('BYLINE')), kept: false });
  if (random.chance(0.7)) headers.push({ segment: comment(), kept: false });
  if (random.chance(0.5)) headers.push({ segment: icc(), kept: false });
  if (random.chance(0.3)) headers.push({ segment: jfxx(), kept: false });
  if (random.chance(0.3)) headers.push({ segment: adobe, kept: true });
  random.shuffle(headers);
  const jfif = jpegSegment(0xe0, 'JFIF\0', [1, 2, 0], uint16(72), uint16(72), [0, 0]);
  const fill = () => (random.chance(0.2) ? new Array<number>(random.integer(1, 3)).fill(0xff) : []);
  const sos = jpegSegment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const scans = [entropyCodedData(random)];
  const input: Part[] = [[0xff, 0xd8], jfif];
  const expected: Part[] = [[0xff, 0xd8], jfif];
  for (const { segment, kept } of headers) {
    input.push(fill(), segment);
    if (kept) expected.push(segment);
  }
  input.push(sos, scans[0] ?? []);
  expected.push(sos, scans[0] ?? []);
  if (random.chance(0.3)) {
    // A progressive picture: a comment and a new table between the scans.
    const secondScan = entropyCodedData(random);
    scans.push(secondScan);
    const between = jpegSegment(0xfe, canaries.plant('SCAN-COMMENT'));
    input.push(fill(), between, dht, sos, secondScan);
    expected.push(dht, sos, secondScan);
  }
  input.push(fill(), [0xff, 0xd9]);
  expected.push([0xff, 0xd9]);
  if (random.chance(0.3)) input.push('SEFH', canaries.gps(), random.bytes(10));
  return {
    format: 'jpeg',
    bytes: bytesOf(...input),
    canaries: canaries.planted,
    imageData: [dqt, sof, ...scans],
    expected: bytesOf(...expected),
  };
}

function pngChunk(type: string, ...data: Part[]): Uint8Array {
  const body = bytesOf(type, ...data);
  return bytesOf(uint32(body.length - 4), body, uint32(crc32(body)));
}

function pngSample(random: Random, index: number): Sample {
  const canaries = new Canaries(random, `P${index}-`);
  const ihdr = pngChunk('IHDR', uint32(random.integer(1, 5000)), uint32(random.integer(1, 5000)), [8, 2, 0, 0, 0]);
  const idats = Array.from({ length: random.integer(1, 3) }, () =>
    pngChunk('IDAT', random.bytes(random.integer(1, 300))),
  );
  const kept = [
    pngChunk('gAMA', uint32(45455)),
    pngChunk('pHYs', uint32(2835), uint32(2835), [1]),
    pngChunk('sRGB', [0]),
  ];
  const dropped = [
    pngChunk('tEXt', 'Author\0', canaries.author()),
    pngChunk('iTXt', 'Description\0', [0, 0], 'en\0\0', canaries.gps()),
    pngChunk('zTXt', canaries.plant('KEYWORD').slice(0, 79), '\0', [0], zlibStored(bytesOf(canaries.device()))),
    pngChunk('eXIf', 'MM\0*', uint32(8), canaries.gps(), '\0', utf16(canaries.author(), true)),
    pngChunk('tIME', uint16(2026), [3, 1, 12, 30, 0]),
    pngChunk('iCCP', 'ICC\0', [0], zlibStored(bytesOf('desc', canaries.device()))),
  ];
  if (random.chance(0.5)) dropped.push(pngChunk('vpAg', canaries.plant('PRIVATE')));
  const before = random.shuffle([...kept, ...dropped.filter(() => random.chance(0.5))]);
  const after = dropped.filter((chunk) => !before.includes(chunk));
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const iend = pngChunk('IEND');
  const trailer = random.chance(0.3) ? [bytesOf(canaries.author())] : [];
  return {
    format: 'png',
    bytes: bytesOf(signature, ihdr, ...before, ...idats, ...after, iend, ...trailer),
    canaries: canaries.planted,
    imageData: [ihdr, ...idats],
    expected: bytesOf(signature, ihdr, ...before.filter((chunk) => kept.includes(chunk)), ...idats, iend),
  };
}

function riffChunk(type: string, ...data: Part[]): Uint8Array {
  const body = bytesOf(...data);
  return bytesOf(type, uint32LittleEndian(body.length), body, body.length % 2 === 1 ? [0] : []);
}

function webpSample(random: Random, index: number): Sample {
  const canaries = new Canaries(random, `W${index}-`);
  const alpha = random.chance(0.4);
  const size = [...uint24LittleEndian(random.integer(0, 4000)), ...uint24LittleEndian(random.integer(0, 4000))];
  const vp8x = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0], size);
  const flags = 0x20 | 0x08 | 0x04 | (alpha ? 0x10 : 0);
  const picture = [
    ...(alpha ? [riffChunk('ALPH', random.bytes(random.integer(1, 60)))] : []),
    riffChunk('VP8 ', random.bytes(random.integer(10, 400))),
  ];
  const metadata = [
    riffChunk('EXIF', random.chance(0.5) ? 'Exif\0\0' : '', 'MM\0*', canaries.gps(), utf16(canaries.author(), false)),
    riffChunk('XMP ', `<x:xmpmeta><rdf:Description dc:creator="${canaries.author()}"/></x:xmpmeta>`),
  ];
  if (random.chance(0.4)) metadata.push(riffChunk('XYZW', canaries.device()));
  const icc = riffChunk('ICCP', 'desc', canaries.device());
  const riff = (...chunks: Uint8Array[]) => {
    const body = bytesOf('WEBP', ...chunks);
    return bytesOf('RIFF', uint32LittleEndian(body.length), body);
  };
  return {
    format: 'webp',
    bytes: riff(vp8x(flags), icc, ...picture, ...random.shuffle(metadata)),
    canaries: canaries.planted,
    imageData: picture,
    expected: riff(vp8x(flags & 0x10), ...picture),
  };
}

interface HeicOptions {
  readonly ilocVersion: 0 | 1 | 2;
  readonly constructionMethod?: number;
  /** Points the Exif item at this byte of the file instead of its data in 'mdat'. */
  readonly exifStart?: number;
}

const XMP_UUID = [0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac];

function box(type: string, ...payload: Part[]): Uint8Array {
  const body = bytesOf(...payload);
  return bytesOf(uint32(body.length + 8), type, body);
}

function fullBox(type: string, version: number, ...payload: Part[]): Uint8Array {
  return box(type, [version, 0, 0, 0], ...payload);
}

function heicSample(random: Random, index: number, options?: Partial<HeicOptions>): Sample {
  const canaries = new Canaries(random, `H${index}-`);
  const ilocVersion = options?.ilocVersion ?? random.pick([0, 1, 2] as const);
  const infeVersion = ilocVersion === 2 ? 3 : random.pick([2, 3]);
  const [imageId, exifId, xmpId] = random.shuffle([1, 2, 3, 4, 5, 6, 7]);
  if (imageId === undefined || exifId === undefined || xmpId === undefined) throw new Error('no item IDs');
  const offsetSize = random.pick([4, 8] as const);
  const lengthSize = random.pick([4, 8] as const);
  const baseOffsetSize = options?.exifStart === undefined ? random.pick([0, 4, 8] as const) : 0;
  const indexSize = ilocVersion === 0 ? 0 : random.pick([0, 4] as const);

  const image = random.bytes(random.integer(20, 400));
  const exif = bytesOf(uint32(6), 'Exif\0\0MM\0*', uint32(8), canaries.gps(), '\0', utf16(canaries.author(), true));
  const xmp = bytesOf(
    `<?xpacket?><x:xmpmeta><rdf:Description dc:creator="${canaries.author()}" tiff:Model="${canaries.device()}"/>`,
  );
  const order = random.shuffle(['image', 'exif', 'xmp'] as const);
  const contents = { image, exif, xmp };
  const uuid = random.chance(0.5) ? box('uuid', XMP_UUID, `<x:xmpmeta>${canaries.author()}</x:xmpmeta>`) : undefined;
  const uuidFirst = random.chance(0.5);
  const splitExif = random.chance(0.4);

  const infe = (id: number, type: string, contentType?: string) =>
    fullBox(
      'infe',
      infeVersion,
      infeVersion === 2 ? uint16(id) : uint32(id),
      uint16(0),
      type,
      '\0',
      contentType === undefined ? '' : `${contentType}\0`,
    );
  const iinf = fullBox(
    'iinf',
    0,
    uint16(3),
    ...random.shuffle([
      infe(imageId, 'hvc1'),
      infe(exifId, 'Exif'),
      infe(xmpId, 'mime', random.pick(['application/rdf+xml', 'application/xmp+xml'])),
    ]),
  );

  // Where each item lands in the mdat payload; the meta box's size does not depend on the offsets.
  const positions = new Map<string, number>();
  let cursor = 0;
  for (const name of order) {
    positions.set(name, cursor);
    cursor += contents[name].length;
  }
  const meta = (mdatPayload: number) => {
    const base = baseOffsetSize === 0 ? 0 : mdatPayload;
    const item = (id: number, name: 'image' | 'exif' | 'xmp', method: number) => {
      const start =
        name === 'exif' && options?.exifStart !== undefined
          ? options.exifStart
          : mdatPayload + (positions.get(name) ?? 0);
      const length = contents[name].length;
      const extents: [number, number][] =
        name === 'exif' && splitExif
          ? [
              [start, 10],
              [start + 10, length - 10],
            ]
          : [[start, length]];
      return bytesOf(
        ilocVersion === 2 ? uint32(id) : uint16(id),
        ilocVersion === 0 ? [] : uint16(method),
        uint16(0),
        unsigned(baseOffsetSize, base),
        uint16(extents.length),
        ...extents.map(([offset, extentLength]) =>
          bytesOf(
            indexSize === 0 ? [] : uint32(0),
            unsigned(offsetSize, offset - base),
            unsigned(lengthSize, extentLength),
          ),
        ),
      );
    };
    const iloc = fullBox(
      'iloc',
      ilocVersion,
      [(offsetSize << 4) | lengthSize, (baseOffsetSize << 4) | indexSize],
      ilocVersion === 2 ? uint32(3) : uint16(3),
      item(imageId, 'image', 0),
      item(exifId, 'exif', options?.constructionMethod ?? 0),
      item(xmpId, 'xmp', 0),
    );
    const hdlr = fullBox('hdlr', 0, uint32(0), 'pict', new Array<number>(12).fill(0), 'Image\0');
    const pitm = fullBox('pitm', 0, uint16(imageId));
    return fullBox('meta', 0, hdlr, pitm, iinf, iloc);
  };
  const ftyp = box('ftyp', random.pick(['heic', 'mif1']), uint32(0), 'mif1', 'heic');
  const metaLength = meta(0).length;
  const beforeMdat = ftyp.length + metaLength + (uuid !== undefined && uuidFirst ? uuid.length : 0);
  const mdatPayload = beforeMdat + 8;
  const mdat = box('mdat', ...order.map((name) => contents[name]));
  const layout = [ftyp, meta(mdatPayload), ...(uuid !== undefined && uuidFirst ? [uuid] : []), mdat];
  if (uuid !== undefined && !uuidFirst) layout.push(uuid);
  const bytes = bytesOf(...layout);

  const expected = Uint8Array.from(bytes);
  expected.fill(
    0,
    mdatPayload + (positions.get('exif') ?? 0),
    mdatPayload + (positions.get('exif') ?? 0) + exif.length,
  );
  expected.fill(0, mdatPayload + (positions.get('xmp') ?? 0), mdatPayload + (positions.get('xmp') ?? 0) + xmp.length);
  if (uuid !== undefined) {
    const uuidStart = uuidFirst ? beforeMdat - uuid.length : bytes.length - uuid.length;
    expected.set(bytesOf('free'), uuidStart + 4);
    expected.fill(0, uuidStart + 8, uuidStart + uuid.length);
  }
  return { format: 'heic', bytes, canaries: canaries.planted, imageData: [image], expected };
}

const GENERATORS = [jpegSample, pngSample, webpSample, heicSample];

function corpus(count: number, seed: number): Sample[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, index) => {
    const generate = GENERATORS[index % GENERATORS.length] ?? jpegSample;
    return generate(random, index);
  });
}

/** Strips, and fails on any error that is not a refusal; returns the result, or undefined if refused. */
function stripOrRefuse(bytes: Uint8Array): StrippedImage | undefined {
  try {
    return stripImageMetadata(bytes);
  } catch (error) {
    if (error instanceof UnsupportedImage) return undefined;
    throw error;
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return binary(haystack).indexOf(binary(needle));
}

describe('stripping identifying metadata from tip photos', () => {
  const samples = corpus(260, 20260301);

  it('removes every planted canary from generated photos and keeps their image data unchanged', () => {
    let canariesPlanted = 0;
    let canariesRemaining = 0;
    for (const sample of samples) {
      for (const canary of sample.canaries) {
        expect(contains(sample.bytes, canary), `${canary} was planted`).toBe(true);
      }
      canariesPlanted += sample.canaries.length;
      const stripped = stripImageMetadata(sample.bytes);
      canariesRemaining += sample.canaries.filter((canary) => contains(stripped.bytes, canary)).length;
      expect(stripped.format).toBe(sample.format);
      expect(detectImageFormat(stripped.bytes)).toBe(sample.format);
      expect(stripped.removed.length).toBeGreaterThan(0);
      expect(bytesEqual(stripped.bytes, sample.expected), `sample ${sample.canaries[0] ?? ''}`).toBe(true);
      for (const data of sample.imageData) expect(indexOf(stripped.bytes, data)).toBeGreaterThanOrEqual(0);
      const again = stripImageMetadata(stripped.bytes);
      expect(bytesEqual(again.bytes, stripped.bytes)).toBe(true);
      expect(again.removed).toEqual([]);
    }
    console.log(
      `metadata stripping: ${samples.length} images, ${canariesPlanted} canaries planted, ${canariesRemaining} remain`,
    );
    expect(samples.length).toBeGreaterThanOrEqual(200);
    expect(canariesRemaining).toBe(0);
  });

  it('detects the format by magic bytes and refuses anything else', () => {
    expect(detectImageFormat(bytesOf([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(detectImageFormat(bytesOf('GIF89a'))).toBeUndefined();
    expect(detectImageFormat(bytesOf('RIFF', uint32LittleEndian(4), 'WAVE'))).toBeUndefined();
    expect(detectImageFormat(box('ftyp', 'isom', uint32(0), 'isom', 'mp41'))).toBeUndefined();
    expect(detectImageFormat(box('ftyp', 'avif', uint32(0), 'mif1', 'avif'))).toBe('heic');
    expect(detectImageFormat(new Uint8Array())).toBeUndefined();
    expect(() => stripImageMetadata(bytesOf('%PDF-1.7'))).toThrow(
      new UnsupportedImage('not a JPEG, PNG, WebP or HEIC image'),
    );
  });

  it('names what it removed from a JPEG with fixed labels', () => {
    const sample = samples.find((candidate) => candidate.format === 'jpeg');
    if (sample === undefined) throw new Error('no JPEG sample');
    const stripped = stripImageMetadata(sample.bytes);
    expect(stripped.mediaType).toBe('image/jpeg');
    expect(stripped.removed).toContain('JPEG APP1 (Exif)');
    for (const label of stripped.removed) expect(label).not.toContain('CANARY');
  });

  it('keeps a JFIF header but drops its thumbnail, and keeps an Adobe colour transform', () => {
    const thumbnail = random3x1Thumbnail();
    const jfif = jpegSegment(0xe0, 'JFIF\0', [1, 2, 0], uint16(72), uint16(72), [3, 1], thumbnail);
    const adobe = jpegSegment(0xee, 'Adobe', [0, 100, 0, 0, 0, 0, 2]);
    const sos = jpegSegment(0xda, [1, 1, 0, 0, 63, 0]);
    const input = bytesOf([0xff, 0xd8], jfif, adobe, sos, [1, 2, 3], [0xff, 0xd9]);
    const stripped = stripImageMetadata(input);
    const bareJfif = jpegSegment(0xe0, 'JFIF\0', [1, 2, 0], uint16(72), uint16(72), [0, 0]);
    expect(stripped.bytes).toEqual(bytesOf([0xff, 0xd8], bareJfif, adobe, sos, [1, 2, 3], [0xff, 0xd9]));
    expect(stripped.removed).toEqual(['JPEG APP0 (JFIF thumbnail)']);
  });

  it('drops data after the end of a JPEG, where phones put trailers and motion-photo videos', () => {
    const sos = jpegSegment(0xda, [1, 1, 0, 0, 63, 0]);
    const image = bytesOf([0xff, 0xd8], sos, [9, 0xff, 0x00, 9, 0xff, 0xd3, 7], [0xff, 0xd9]);
    const stripped = stripImageMetadata(bytesOf(image, 'ftypmp42 video with GPS'));
    expect(stripped.bytes).toEqual(image);
    expect(stripped.removed).toEqual(['JPEG data after EOI']);
  });

  it('refuses a truncated JPEG segment, saying where it breaks', () => {
    const input = bytesOf([0xff, 0xd8], [0xff, 0xe1], uint16(200), 'Exif\0\0');
    expect(() => stripImageMetadata(input)).toThrow(new UnsupportedImage('truncated JPEG segment at byte 2'));
  });

  it('refuses a PNG with an unknown critical chunk, and one cut short', () => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const ihdr = pngChunk('IHDR', uint32(1), uint32(1), [8, 2, 0, 0, 0]);
    const critical = bytesOf(signature, ihdr, pngChunk('ZZZZ', [1]), pngChunk('IEND'));
    expect(() => stripImageMetadata(critical)).toThrow(UnsupportedImage);
    const short = bytesOf(signature, ihdr, uint32(1000), 'IDAT', [1, 2, 3]);
    expect(() => stripImageMetadata(short)).toThrow(new UnsupportedImage('truncated PNG chunk at byte 33'));
    expect(() => stripImageMetadata(bytesOf(signature, ihdr))).toThrow(UnsupportedImage);
  });

  it('clears the VP8X metadata flags and rewrites the RIFF size of a WebP', () => {
    const sample = samples.find((candidate) => candidate.format === 'webp');
    if (sample === undefined) throw new Error('no WebP sample');
    const stripped = stripImageMetadata(sample.bytes);
    const view = new DataView(stripped.bytes.buffer, stripped.bytes.byteOffset);
    expect(view.getUint32(4, true)).toBe(stripped.bytes.length - 8);
    expect((stripped.bytes[20] ?? 0) & 0x2c).toBe(0);
    expect(stripped.removed).toEqual(expect.arrayContaining(['WebP EXIF', 'WebP XMP', 'WebP ICCP']));
  });

  it('zeros the Exif and XMP items of a HEIC in place, so no offset moves', () => {
    for (const ilocVersion of [0, 1, 2] as const) {
      const sample = heicSample(new Random(ilocVersion + 7), 0, { ilocVersion });
      const stripped = stripImageMetadata(sample.bytes);
      expect(stripped.bytes.length).toBe(sample.bytes.length);
      expect(stripped.removed).toEqual(expect.arrayContaining(['HEIC Exif item', 'HEIC XMP item']));
      expect(stripped.mediaType).toBe('image/heic');
      for (const canary of sample.canaries) expect(contains(stripped.bytes, canary)).toBe(false);
    }
  });

  it('refuses a HEIC whose Exif item is stored in idat or lies outside the file', () => {
    const inIdat = heicSample(new Random(3), 0, { ilocVersion: 1, constructionMethod: 1 });
    expect(() => stripImageMetadata(inIdat.bytes)).toThrow(UnsupportedImage);
    const outside = heicSample(new Random(4), 0, { ilocVersion: 1, exifStart: 1_000_000 });
    expect(() => stripImageMetadata(outside.bytes)).toThrow(UnsupportedImage);
    const intoMeta = heicSample(new Random(5), 0, { ilocVersion: 2, exifStart: 20 });
    expect(() => stripImageMetadata(intoMeta.bytes)).toThrow(UnsupportedImage);
  });

  it('returns a copy and never changes the bytes it was given', () => {
    for (const sample of samples.slice(0, 8)) {
      const before = Uint8Array.from(sample.bytes);
      const stripped = stripImageMetadata(sample.bytes);
      expect(sample.bytes).toEqual(before);
      expect(stripped.bytes.buffer).not.toBe(sample.bytes.buffer);
    }
  });

  it('either strips or refuses random and mutated bytes, never failing otherwise or hanging', () => {
    const started = performance.now();
    let cases = 0;
    let stripped = 0;
    const check = (bytes: Uint8Array): void => {
      cases += 1;
      const result = stripOrRefuse(bytes);
      if (result === undefined) return;
      stripped += 1;
      expect(detectImageFormat(result.bytes)).toBe(result.format);
      const again = stripImageMetadata(result.bytes);
      expect(bytesEqual(again.bytes, result.bytes)).toBe(true);
    };
    const magic = fc.constantFrom(
      bytesOf([0xff, 0xd8, 0xff]),
      bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      bytesOf('RIFF', uint32LittleEndian(200), 'WEBP'),
      box('ftyp', 'heic', uint32(0), 'mif1'),
      new Uint8Array(),
    );
    fc.assert(
      fc.property(magic, fc.uint8Array({ maxLength: 400 }), (prefix, rest) => {
        check(bytesOf(prefix, rest));
      }),
      { numRuns: 2_000, seed: 17 },
    );
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        at: fc.nat(),
        values: fc.uint8Array({ minLength: 1, maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 24 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        values: fc.uint8Array({ minLength: 1, maxLength: 24 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    const fuzzed = samples.slice(0, 40);
    fc.assert(
      fc.property(
        fc.nat({ max: fuzzed.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          let bytes = fuzzed[which]?.bytes ?? new Uint8Array();
          for (const change of mutations) {
            const at = bytes.length === 0 ? 0 : change.at % bytes.length;
            if (change.kind === 'set') {
              bytes = Uint8Array.from(bytes);
              bytes.set(change.values.subarray(0, bytes.length - at), at);
            } else if (change.kind === 'delete') {
              bytes = bytesOf(bytes.subarray(0, at), bytes.subarray(at + change.count));
            } else if (change.kind === 'insert') {
              bytes = bytesOf(bytes.subarray(0, at), change.values, bytes.subarray(at));
            } else {
              bytes = bytes.subarray(0, at);
            }
          }
          check(bytes);
        },
      ),
      { numRuns: 8_000, seed: 29 },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`hostile input: ${cases} cases, ${stripped} stripped, the rest refused, in ${seconds.toFixed(1)} s`);
    expect(cases).toBeGreaterThanOrEqual(5_000);
  });
});

/** A 3×1 RGB thumbnail, as JFIF stores it after its header. */
function random3x1Thumbnail(): Uint8Array {
  return new Random(1).bytes(9);
}
