/** Phone numbers in long hostile text, read in bounded windows. */
import { extractPhones, type ExtractedPhone } from '../../resolution/normalise/index.ts';
import { type Span } from './contacts.ts';

/** Characters that always end a phone number in `extractPhones`, so cutting the text there changes nothing. */
const PHONE_BREAKS = /[\n\r\u2028\u2029,;|!?@#$%&=<>\u060c\u061b\u061f]/gu;
/** Longer stretches are read in overlapping windows: reading one long run is quadratic in its length. */
const PHONE_WINDOW = 256;
const PHONE_STEP = 128;
/** How far a window edge moves to fall on a space rather than inside a word. */
const PHONE_SLACK = 16;

function edge(text: string, position: number, forward: boolean): number {
  if (position <= 0) return 0;
  if (position >= text.length) return text.length;
  for (let offset = 0; offset <= PHONE_SLACK; offset++) {
    const candidate = forward ? position + offset : position - offset;
    if (candidate > 0 && candidate < text.length && /\s/u.test(text.charAt(candidate))) return candidate;
  }
  // No space near: cut where it falls, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(position);
  return code >= 0xdc00 && code <= 0xdfff ? position - 1 : position;
}

/** `extractPhones` over pieces of bounded length; numbers up to about a hundred characters long are all found. */
export function phonesIn(text: string, defaultCountry: string | undefined, limit: number): ExtractedPhone[] {
  const found: ExtractedPhone[] = [];
  const seen = new Set<string>();
  const take = (phones: ExtractedPhone[]): boolean => {
    for (const phone of phones) {
      if (!seen.has(phone.e164)) {
        seen.add(phone.e164);
        found.push(phone);
      }
      if (found.length >= limit) return false;
    }
    return true;
  };
  for (const segment of text.split(PHONE_BREAKS)) {
    if (!/[\p{N}\p{L}]/u.test(segment)) continue;
    if (segment.length <= PHONE_WINDOW) {
      if (!take(extractPhones(segment, defaultCountry))) break;
      continue;
    }
    let full = false;
    for (let start = 0; start < segment.length && !full; start += PHONE_STEP) {
      const from = edge(segment, start, true);
      const to = edge(segment, start + PHONE_WINDOW, false);
      if (to > from) full = !take(extractPhones(segment.slice(from, to), defaultCountry));
      if (start + PHONE_WINDOW >= segment.length) break;
    }
    if (full) break;
  }
  return found;
}

/** The text with the given spans replaced by line breaks, so that no number is read inside them. */
export function masked(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) {
      cursor = Math.max(cursor, span.end);
      continue;
    }
    out += text.slice(cursor, span.start) + '\n';
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
