/**
 * Strips identifying metadata from photos sent with anonymous tips. A phone photo carries where it
 * was taken (GPS), when, on which device (make, model, serial numbers), by whom (author, copyright),
 * and sometimes a thumbnail of the uncropped picture; any of these can identify the reporter, so
 * none may survive into a tip.
 *
 * The approach is an allowlist: for JPEG, PNG and WebP, only the parts needed to show the picture
 * are kept and everything else is dropped, so metadata of kinds not named here is removed too. HEIC
 * cannot be rewritten without recomputing every offset in the file, so its Exif and XMP items are
 * overwritten with zeros in place. Input that cannot be walked completely is refused
 * (`UnsupportedImage`) rather than passed on half-cleaned.
 *
 * Every length read from the image is checked against the bytes that remain before it is used, so
 * hostile input cannot make the walk loop forever, read out of bounds, or allocate at will.
 */

/** The image formats a tip photo may arrive in. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heic';

/** A photo with its metadata removed. */
export interface StrippedImage {
  readonly format: ImageFormat;
  /** The media type to store and serve the cleaned bytes under. */
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  /**
   * What was removed, one entry per removed part, e.g. 'JPEG APP1 (Exif)', 'PNG tEXt'. The labels
   * are fixed text, never copied from the image, so they are safe to log or show.
   */
  readonly removed: readonly string[];
}

/** Bytes that are not an image this module can clean; the upload must be refused, never stored as is. */
export class UnsupportedImage extends Error {
  override readonly name = 'UnsupportedImage';
}

/** The format of an image, by its magic bytes (never by its name, which the sender chooses). */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (startsWith(bytes, 0, PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && fourCharacterCode(bytes, 0) === 'RIFF' && fourCharacterCode(bytes, 8) === 'WEBP') {
    return 'webp';
  }
  if (heifBrands(bytes).some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  return undefined;
}

/** The image with its metadata removed; throws `UnsupportedImage` on unknown or malformed input. */
export function stripImageMetadata(bytes: Uint8Array): StrippedImage {
  const format = detectImageFormat(bytes);
  switch (format) {
    case undefined:
      throw new UnsupportedImage('not a JPEG, PNG, WebP or HEIC image');
    case 'jpeg':
      return { format, mediaType: 'image/jpeg', ...stripJpeg(bytes) };
    case 'png':
      return { format, mediaType: 'image/png', ...stripPng(bytes) };
    case 'webp':
      return { format, mediaType: 'image/webp', ...stripWebp(bytes) };
    case 'heic':
      return { format, mediaType: heifMediaType(heifBrands(bytes)), ...stripHeif(bytes) };
  }
}

interface Stripped {
  readonly bytes: Uint8Array;
  readonly removed: string[];
}

// ---------------------------------------------------------------------------------------------
// JPEG

const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;
const JPEG_APP0 = 0xe0;
const JPEG_APP14 = 0xee;
const JPEG_COM = 0xfe;
/** DHT, DAC, DQT, DNL, DRI, DHP, EXP: tables and parameters the decoder needs; no personal data. */
const JPEG_CODING_SEGMENTS = new Set([0xc4, 0xcc, 0xdb, 0xdc, 0xdd, 0xde, 0xdf]);
/** The JFIF header without its thumbnail: identifier, version, density units, densities, thumbnail size. */
const JFIF_HEADER_LENGTH = 14;
/** The Adobe APP14 header: identifier, version, flags, colour transform. */
const ADOBE_HEADER_LENGTH = 12;

/** SOFn: frame headers (0xc0–0xcf except DHT, JPG and DAC, which share the range). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Keeps the segments needed to decode the picture and its scans; drops APPn (but JFIF and Adobe), COM, trailers. */
function stripJpeg(bytes: Uint8Array): Stripped {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed: string[] = [];
  let position = 2;
  let scanned = false;
  for (;;) {
    if (position >= bytes.length) {
      if (scanned) break; // a truncated file without EOI: decoders show what there is
      throw new UnsupportedImage(`JPEG ends at byte ${position} before its image data`);
    }
    if (bytes[position] !== 0xff) throw new UnsupportedImage(`expected a JPEG marker at byte ${position}`);
    // Any number of 0xff fill bytes may precede a marker; they carry nothing and are not copied.
    while (bytes[position + 1] === 0xff) position += 1;
    if (position + 2 > bytes.length) throw new UnsupportedImage(`truncated JPEG marker at byte ${position}`);
    const marker = byteAt(bytes, position + 1);
    if (marker === JPEG_EOI) {
      if (!scanned) throw new UnsupportedImage(`JPEG ends at byte ${position} before its image data`);
      parts.push(bytes.subarray(position, position + 2));
      // Phones append trailers after EOI: Samsung's metadata, motion-photo videos with their own GPS.
      if (position + 2 < bytes.length) removed.push('JPEG data after EOI');
      break;
    }
    if (marker === 0x00 || marker === 0xd8) {
      throw new UnsupportedImage(`unexpected JPEG marker at byte ${position}`);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // TEM and RSTn stand alone, without a length.
      parts.push(bytes.subarray(position, position + 2));
      position += 2;
      continue;
    }
    if (position + 4 > bytes.length) throw new UnsupportedImage(`truncated JPEG segment at byte ${position}`);
    const segmentLength = uint16(bytes, position + 2);
    const end = position + 2 + segmentLength;
    if (segmentLength < 2 || end > bytes.length) {
      throw new UnsupportedImage(`truncated JPEG segment at byte ${position}`);
    }
    const payload = bytes.subarray(position + 4, end);
    if (marker === JPEG_SOS) {
      parts.push(bytes.subarray(position, end));
      const scanEnd = entropyCodedEnd(bytes, end);
      parts.push(bytes.subarray(end, scanEnd));
      scanned = true;
      if (scanEnd >= bytes.length) break; // a truncated file without EOI: decoders show what there is
      position = scanEnd;
      continue;
    }
    if (isStartOfFrame(marker) || JPEG_CODING_SEGMENTS.has(marker)) {
      parts.push(bytes.subarray(position, end));
    } else if (marker === JPEG_APP0) {
      keepJfif(payload, parts, removed);
    } else if (marker === JPEG_APP14) {
      keepAdobe(payload, parts, removed);
    } else {
      removed.push(jpegSegmentLabel(marker, payload));
    }
    position = end;
  }
  return { bytes: concatenate(parts), removed };
}

/** Where a scan's entropy-coded data ends: at the first marker other than RSTn (0xff00 is an escaped 0xff). */
function entropyCodedEnd(bytes: Uint8Array, start: number): number {
  let position = start;
  for (;;) {
    const found = bytes.indexOf(0xff, position);
    if (found < 0 || found + 1 >= bytes.length) return bytes.length;
    const next = byteAt(bytes, found + 1);
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) position = found + 2;
    else return found;
  }
}

/** Keeps a JFIF header without its thumbnail, which can show the picture before it was cropped. */
function keepJfif(payload: Uint8Array, parts: Uint8Array[], removed: string[]): void {
  if (payload.length < JFIF_HEADER_LENGTH || !startsWith(payload, 0, JFIF_IDENTIFIER)) {
    removed.push(startsWith(payload, 0, JFXX_IDENTIFIER) ? 'JPEG APP0 (JFXX thumbnail)' : 'JPEG APP0');
    return;
  }
  const segment = new Uint8Array(4 + JFIF_HEADER_LENGTH);
  segment.set([0xff, JPEG_APP0, 0, 2 + JFIF_HEADER_LENGTH]);
  segment.set(payload.subarray(0, JFIF_HEADER_LENGTH - 2), 4); // thumbnail width and height stay 0
  if (payload.length > JFIF_HEADER_LENGTH || payload[12] !== 0 || payload[13] !== 0) {
    removed.push('JPEG APP0 (JFIF thumbnail)');
  }
  parts.push(segment);
}

/** Keeps Adobe's colour-transform header, without which CMYK and YCCK pictures decode in wrong colours. */
function keepAdobe(payload: Uint8Array, parts: Uint8Array[], removed: string[]): void {
  if (payload.length < ADOBE_HEADER_LENGTH || !startsWith(payload, 0, ADOBE_IDENTIFIER)) {
    removed.push('JPEG APP14');
    return;
  }
  const segment = new Uint8Array(4 + ADOBE_HEADER_LENGTH);
  segment.set([0xff, JPEG_APP14, 0, 2 + ADOBE_HEADER_LENGTH]);
  segment.set(payload.subarray(0, ADOBE_HEADER_LENGTH), 4);
  if (payload.length > ADOBE_HEADER_LENGTH) removed.push('JPEG APP14 (extra data)');
  parts.push(segment);
}

/** A fixed label for a dropped segment, naming the well-known kinds by their identifier. */
function jpegSegmentLabel(marker: number, payload: Uint8Array): string {
  if (marker === JPEG_COM) return 'JPEG COM';
  if (marker < 0xe0 || marker > 0xef) return `JPEG marker 0x${marker.toString(16)}`;
  const name = `JPEG APP${marker - 0xe0}`;
  for (const [identifier, kind] of APP_IDENTIFIERS[marker - 0xe0] ?? []) {
    if (startsWith(payload, 0, identifier)) return `${name} (${kind})`;
  }
  return name;
}

const JFIF_IDENTIFIER = ascii('JFIF\0');
const JFXX_IDENTIFIER = ascii('JFXX\0');
const ADOBE_IDENTIFIER = ascii('Adobe');
const APP_IDENTIFIERS: Partial<Record<number, readonly (readonly [Uint8Array, string])[]>> = {
  1: [
    [ascii('Exif\0'), 'Exif'],
    [ascii('http://ns.adobe.com/xap/1.0/\0'), 'XMP'],
    [ascii('http://ns.adobe.com/xmp/extension/\0'), 'extended XMP'],
  ],
  2: [
    [ascii('ICC_PROFILE\0'), 'ICC profile'],
    [ascii('MPF\0'), 'MPF'],
    [ascii('FPXR\0'), 'FlashPix'],
  ],
  11: [[ascii('JP'), 'JUMBF']],
  13: [[ascii('Photoshop 3.0\0'), 'IPTC']],
};

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The chunks needed to show the picture as its author saw it; none holds text or personal data. */
const PNG_KEPT_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'pHYs',
  'hIST',
]);
const PNG_MAXIMUM_CHUNK_LENGTH = 0x7fffffff;

/** Copies the kept chunks verbatim (so their CRCs stay valid) and drops every other chunk. */
function stripPng(bytes: Uint8Array): Stripped {
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  const removed: string[] = [];
  let position = PNG_SIGNATURE.length;
  for (;;) {
    if (position >= bytes.length) throw new UnsupportedImage(`PNG ends at byte ${position} without an IEND chunk`);
    if (position + 12 > bytes.length) throw new UnsupportedImage(`truncated PNG chunk at byte ${position}`);
    const length = uint32(bytes, position);
    if (length > PNG_MAXIMUM_CHUNK_LENGTH || position + 12 + length > bytes.length) {
      throw new UnsupportedImage(`truncated PNG chunk at byte ${position}`);
    }
    const type = fourCharacterCode(bytes, position + 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new UnsupportedImage(`invalid PNG chunk type at byte ${position}`);
    if (position === PNG_SIGNATURE.length && type !== 'IHDR') {
      throw new UnsupportedImage('PNG does not start with an IHDR chunk');
    }
    const end = position + 12 + length;
    if (PNG_KEPT_CHUNKS.has(type)) {
      parts.push(bytes.subarray(position, end));
    } else if (isCriticalChunk(type)) {
      // A decoder must understand every critical chunk; dropping one would change the picture.
      throw new UnsupportedImage(`unknown critical PNG chunk at byte ${position}`);
    } else {
      removed.push(`PNG ${type}`);
    }
    position = end;
    if (type === 'IEND') {
      if (position < bytes.length) removed.push('PNG data after IEND');
      break;
    }
  }
  return { bytes: concatenate(parts), removed };
}

/** Critical chunks have an uppercase first letter (bit 5 of the first byte clear). */
function isCriticalChunk(type: string): boolean {
  return (type.charCodeAt(0) & 0x20) === 0;
}

// ---------------------------------------------------------------------------------------------
// WebP

/** The chunks that make up the picture, its alpha and its animation. */
const WEBP_KEPT_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const WEBP_REMOVED_LABELS: Partial<Record<string, string>> = {
  EXIF: 'WebP EXIF',
  'XMP ': 'WebP XMP',
  ICCP: 'WebP ICCP',
};
/** VP8X flags announcing an ICC profile, Exif and XMP, which are no longer there. */
const VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04;
const VP8X_MINIMUM_LENGTH = 10;

/** Keeps the picture chunks (dropping EXIF, XMP, ICCP and unknown chunks) and rewrites the RIFF size. */
function stripWebp(bytes: Uint8Array): Stripped {
  const riffEnd = 8 + uint32LittleEndian(bytes, 4);
  if (riffEnd < 12 || riffEnd > bytes.length)
    throw new UnsupportedImage('truncated WebP: its RIFF size exceeds the file');
  const parts: Uint8Array[] = [];
  const removed: string[] = [];
  let position = 12;
  while (position < riffEnd) {
    if (position + 8 > riffEnd) throw new UnsupportedImage(`truncated WebP chunk at byte ${position}`);
    const type = fourCharacterCode(bytes, position);
    const length = uint32LittleEndian(bytes, position + 4);
    const dataEnd = position + 8 + length;
    const end = dataEnd + (length & 1); // chunks are padded to an even length
    if (end > riffEnd) throw new UnsupportedImage(`truncated WebP chunk at byte ${position}`);
    if (WEBP_KEPT_CHUNKS.has(type)) {
      const chunk = new Uint8Array(end - position); // the padding byte, if any, is written as 0
      chunk.set(bytes.subarray(position, dataEnd));
      if (type === 'VP8X') {
        if (length < VP8X_MINIMUM_LENGTH) throw new UnsupportedImage(`truncated WebP VP8X chunk at byte ${position}`);
        chunk[8] = byteAt(chunk, 8) & ~VP8X_METADATA_FLAGS;
      }
      parts.push(chunk);
    } else {
      removed.push(WEBP_REMOVED_LABELS[type] ?? 'WebP unknown chunk');
    }
    position = end;
  }
  if (riffEnd < bytes.length) removed.push('WebP data after RIFF');
  const body = concatenate(parts);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return { bytes: concatenate([header, body]), removed };
}

// ---------------------------------------------------------------------------------------------
// HEIC and other ISO BMFF images (HEIF, AVIF)

/** The brands of still images and image sequences in the HEIF family. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'mif1', 'msf1', 'avif']);
/** Top-level boxes that describe the file rather than hold item data; no Exif or XMP item may lie there. */
const HEIF_STRUCTURE_BOXES = new Set(['ftyp', 'meta', 'moov']);

interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the payload starts: after size, type, any 64-bit size, and a uuid box's user type. */
  readonly payloadStart: number;
  readonly end: number;
}

interface ItemLocation {
  readonly constructionMethod: number;
  readonly dataReferenceIndex: number;
  readonly extents: readonly { readonly offset: number; readonly length: number }[];
}

type MetadataKind = 'Exif' | 'XMP';

/** The major and compatible brands of an ISO BMFF file, or none if it does not start with 'ftyp'. */
function heifBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || fourCharacterCode(bytes, 4) !== 'ftyp') return [];
  const size = Math.min(uint32(bytes, 0), bytes.length);
  if (size < 16) return [];
  const brands = [fourCharacterCode(bytes, 8)];
  for (let position = 16; position + 4 <= size; position += 4) brands.push(fourCharacterCode(bytes, position));
  return brands;
}

/** The media type the brands announce, the major brand first. */
function heifMediaType(brands: readonly string[]): string {
  const [major] = brands;
  if (major === 'heic' || major === 'heix') return 'image/heic';
  if (major === 'avif') return 'image/avif';
  if (major === 'msf1') return 'image/heif-sequence';
  if (brands.includes('heic') || brands.includes('heix')) return 'image/heic';
  if (brands.includes('avif')) return 'image/avif';
  return 'image/heif';
}

/**
 * Zeros the Exif and XMP items, top-level uuid boxes and the movie's user data in a copy of the
 * file. Removing them would shift every offset after them, so they are blanked where they lie.
 */
function stripHeif(bytes: Uint8Array): Stripped {
  const output = new Uint8Array(bytes); // a copy, even when given a Buffer
  const removed: string[] = [];
  const topLevel = readBoxes(bytes, 0, bytes.length);
  const metadataItems = new Map<number, MetadataKind>();
  const locationBoxes: Box[] = [];
  for (const meta of topLevel.filter((box) => box.type === 'meta')) {
    // 'meta' is a full box: version and flags precede its children.
    if (meta.payloadStart + 4 > meta.end) throw new UnsupportedImage(`truncated HEIC meta box at byte ${meta.start}`);
    for (const child of readBoxes(bytes, meta.payloadStart + 4, meta.end)) {
      if (child.type === 'iinf') collectMetadataItems(bytes, child, metadataItems);
      else if (child.type === 'iloc') locationBoxes.push(child);
    }
  }
  if (metadataItems.size > 0) {
    const locations = new Map<number, ItemLocation[]>();
    for (const box of locationBoxes) collectItemLocations(bytes, box, locations);
    for (const [itemId, kind] of metadataItems) {
      for (const location of locations.get(itemId) ?? []) {
        if (location.constructionMethod !== 0 || location.dataReferenceIndex !== 0) {
          // The data lies in the 'idat' box or another file; refuse rather than leave it in place.
          throw new UnsupportedImage(`HEIC ${kind} item is not stored in the file's data boxes`);
        }
        let erased = false;
        for (const extent of location.extents) {
          const length = extent.length === 0 ? bytes.length - extent.offset : extent.length;
          const end = extent.offset + length;
          const inDataBox = topLevel.some(
            (box) => !HEIF_STRUCTURE_BOXES.has(box.type) && box.payloadStart <= extent.offset && end <= box.end,
          );
          if (!inDataBox || length < 0) {
            throw new UnsupportedImage(`HEIC ${kind} item extent at byte ${extent.offset} lies outside the data boxes`);
          }
          erased = zero(output, extent.offset, end) || erased;
        }
        if (erased) removed.push(`HEIC ${kind} item`);
      }
    }
  }
  for (const box of topLevel) {
    // XMP is sometimes kept in a top-level uuid box; it becomes a 'free' box, which readers skip.
    if (box.type === 'uuid') blank(output, box, 'HEIC uuid box', removed);
    else if (box.type === 'moov') blankMovieUserData(bytes, output, box, removed);
  }
  return { bytes: output, removed };
}

/** Blanks user data and metadata of an image sequence's movie and tracks, where location and device are kept. */
function blankMovieUserData(bytes: Uint8Array, output: Uint8Array, moov: Box, removed: string[]): void {
  for (const child of readBoxes(bytes, moov.payloadStart, moov.end)) {
    if (child.type === 'udta' || child.type === 'meta') blank(output, child, `HEIC movie ${child.type} box`, removed);
    if (child.type !== 'trak') continue;
    for (const grandchild of readBoxes(bytes, child.payloadStart, child.end)) {
      if (grandchild.type === 'udta' || grandchild.type === 'meta') {
        blank(output, grandchild, `HEIC track ${grandchild.type} box`, removed);
      }
    }
  }
}

/** Turns a box into a 'free' box with a zeroed payload, keeping its size so no offset moves. */
function blank(output: Uint8Array, box: Box, label: string, removed: string[]): void {
  output.set(FREE_TYPE, box.start + 4);
  // A uuid box's user type becomes payload of the 'free' box, so zero from the end of the size fields.
  const headerEnd = box.start + (uint32(output, box.start) === 1 ? 16 : 8);
  zero(output, headerEnd, box.end);
  removed.push(label);
}

/** The Exif and XMP items an 'iinf' box lists, by item ID. */
function collectMetadataItems(bytes: Uint8Array, iinf: Box, items: Map<number, MetadataKind>): void {
  const cursor = new Cursor(bytes, iinf.payloadStart, iinf.end);
  const version = cursor.uint8();
  cursor.skip(3);
  cursor.skip(version === 0 ? 2 : 4); // the entry count; every 'infe' child is read, whatever it says
  for (const entry of readBoxes(bytes, cursor.position, iinf.end)) {
    if (entry.type !== 'infe') continue;
    const item = metadataItem(bytes, entry);
    if (item !== undefined) items.set(item.itemId, item.kind);
  }
}

/** The item an 'infe' box describes, if it is Exif or XMP. */
function metadataItem(bytes: Uint8Array, infe: Box): { itemId: number; kind: MetadataKind } | undefined {
  const cursor = new Cursor(bytes, infe.payloadStart, infe.end);
  const version = cursor.uint8();
  cursor.skip(3);
  if (version < 2) {
    // Versions 0 and 1 have no item type; XMP is told by its content type.
    const itemId = cursor.uint16();
    cursor.skip(2); // item_protection_index
    cursor.string(); // item_name
    return isXmpContentType(cursor.string()) ? { itemId, kind: 'XMP' } : undefined;
  }
  const itemId = version === 2 ? cursor.uint16() : cursor.uint32();
  cursor.skip(2); // item_protection_index
  const itemType = cursor.fourCharacterCode();
  if (itemType === 'Exif') return { itemId, kind: 'Exif' };
  if (itemType !== 'mime') return undefined;
  cursor.string(); // item_name
  return isXmpContentType(cursor.string()) ? { itemId, kind: 'XMP' } : undefined;
}

/** XMP is stored as 'application/rdf+xml' (the HEIF specification) or a type naming XMP. */
function isXmpContentType(contentType: string): boolean {
  const lower = contentType.toLowerCase();
  return lower.includes('xmp') || lower.includes('rdf+xml');
}

/** Adds the locations an 'iloc' box gives, by item ID. */
function collectItemLocations(bytes: Uint8Array, iloc: Box, locations: Map<number, ItemLocation[]>): void {
  const cursor = new Cursor(bytes, iloc.payloadStart, iloc.end);
  const version = cursor.uint8();
  cursor.skip(3);
  if (version > 2) throw new UnsupportedImage(`unsupported HEIC iloc version at byte ${iloc.start}`);
  const sizes = cursor.uint8();
  const moreSizes = cursor.uint8();
  const offsetSize = fieldSize(sizes >> 4);
  const lengthSize = fieldSize(sizes & 0x0f);
  const baseOffsetSize = fieldSize(moreSizes >> 4);
  const indexSize = version === 0 ? 0 : fieldSize(moreSizes & 0x0f);
  const itemCount = version < 2 ? cursor.uint16() : cursor.uint32();
  // Each item takes at least six bytes, so the cursor ends a lying count before the loop grows long.
  for (let item = 0; item < itemCount; item += 1) {
    const itemId = version < 2 ? cursor.uint16() : cursor.uint32();
    const constructionMethod = version === 0 ? 0 : cursor.uint16() & 0x0f;
    const dataReferenceIndex = cursor.uint16();
    const baseOffset = cursor.unsigned(baseOffsetSize);
    const extentCount = cursor.uint16();
    const extents: { offset: number; length: number }[] = [];
    if (offsetSize + lengthSize + indexSize === 0) {
      // Extents of zero bytes each: all say "the whole file", and the cursor would not advance.
      if (extentCount > 0) extents.push({ offset: baseOffset, length: 0 });
    } else {
      for (let extent = 0; extent < extentCount; extent += 1) {
        cursor.unsigned(indexSize);
        const offset = baseOffset + cursor.unsigned(offsetSize);
        extents.push({ offset, length: cursor.unsigned(lengthSize) });
      }
    }
    const known = locations.get(itemId);
    const location = { constructionMethod, dataReferenceIndex, extents };
    if (known === undefined) locations.set(itemId, [location]);
    else known.push(location);
  }
}

/** An iloc field size, which must be 0, 4 or 8 bytes. */
function fieldSize(size: number): 0 | 4 | 8 {
  if (size === 0 || size === 4 || size === 8) return size;
  throw new UnsupportedImage('invalid HEIC iloc field size');
}

/** The boxes between `start` and `end`, each checked to fit. */
function readBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let position = start;
  while (position < end) {
    if (position + 8 > end) throw new UnsupportedImage(`truncated ISO BMFF box at byte ${position}`);
    const declared = uint32(bytes, position);
    const type = fourCharacterCode(bytes, position + 4);
    let headerLength = 8;
    let size = declared;
    if (declared === 1) {
      if (position + 16 > end) throw new UnsupportedImage(`truncated ISO BMFF box at byte ${position}`);
      size = uint64(bytes, position + 8);
      headerLength = 16;
    } else if (declared === 0) {
      size = end - position; // the box runs to the end of its parent
    }
    if (type === 'uuid') headerLength += 16;
    if (size < headerLength || size > end - position) {
      throw new UnsupportedImage(`truncated ISO BMFF box at byte ${position}`);
    }
    boxes.push({ type, start: position, payloadStart: position + headerLength, end: position + size });
    position += size;
  }
  return boxes;
}

const FREE_TYPE = ascii('free');

/** Reads fields of one box, refusing to read past its end. */
class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    public position: number,
    private readonly end: number,
  ) {}

  /** Moves past `count` bytes, which must lie within the box. */
  skip(count: number): void {
    if (this.position + count > this.end) throw new UnsupportedImage(`truncated HEIC box at byte ${this.position}`);
    this.position += count;
  }

  uint8(): number {
    const at = this.position;
    this.skip(1);
    return byteAt(this.bytes, at);
  }

  uint16(): number {
    const at = this.position;
    this.skip(2);
    return uint16(this.bytes, at);
  }

  uint32(): number {
    const at = this.position;
    this.skip(4);
    return uint32(this.bytes, at);
  }

  /** An unsigned field of 0, 4 or 8 bytes; 64-bit values beyond 2^53 lose precision but lie outside any file. */
  unsigned(size: 0 | 4 | 8): number {
    const at = this.position;
    this.skip(size);
    if (size === 0) return 0;
    return size === 4 ? uint32(this.bytes, at) : uint64(this.bytes, at);
  }

  fourCharacterCode(): string {
    const at = this.position;
    this.skip(4);
    return fourCharacterCode(this.bytes, at);
  }

  /** A NUL-terminated string; one missing its terminator runs to the end of the box. */
  string(): string {
    const terminator = this.bytes.subarray(this.position, this.end).indexOf(0);
    const stringEnd = terminator < 0 ? this.end : this.position + terminator;
    const text = LATIN1.decode(this.bytes.subarray(this.position, stringEnd));
    this.position = Math.min(stringEnd + 1, this.end);
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes

const LATIN1 = new TextDecoder('latin1');

/** The byte at `offset`; reading past the end is malformed input, never `undefined` arithmetic. */
function byteAt(bytes: Uint8Array, offset: number): number {
  const value = bytes[offset];
  if (value === undefined) throw new UnsupportedImage(`image ends at byte ${offset}`);
  return value;
}

function uint16(bytes: Uint8Array, offset: number): number {
  return (byteAt(bytes, offset) << 8) | byteAt(bytes, offset + 1);
}

function uint32(bytes: Uint8Array, offset: number): number {
  return byteAt(bytes, offset) * 0x1000000 + ((byteAt(bytes, offset + 1) << 16) | uint16(bytes, offset + 2));
}

function uint32LittleEndian(bytes: Uint8Array, offset: number): number {
  return (
    byteAt(bytes, offset + 3) * 0x1000000 +
    ((byteAt(bytes, offset + 2) << 16) | (byteAt(bytes, offset + 1) << 8) | byteAt(bytes, offset))
  );
}

function uint64(bytes: Uint8Array, offset: number): number {
  return uint32(bytes, offset) * 0x100000000 + uint32(bytes, offset + 4);
}

function fourCharacterCode(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(
    byteAt(bytes, offset),
    byteAt(bytes, offset + 1),
    byteAt(bytes, offset + 2),
    byteAt(bytes, offset + 3),
  );
}

function startsWith(bytes: Uint8Array, offset: number, prefix: Uint8Array): boolean {
  if (offset + prefix.length > bytes.length) return false;
  return prefix.every((value, index) => bytes[offset + index] === value);
}

/** Zeros `start`..`end`; tells whether anything there was not already zero. */
function zero(bytes: Uint8Array, start: number, end: number): boolean {
  const region = bytes.subarray(start, end);
  const hadData = region.some((value) => value !== 0);
  region.fill(0);
  return hadData;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
