/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps compute
 * them: HMAC-SHA-1, 30-second steps, 6 digits. A code is accepted one step either side of now
 * (clock drift), and a step once accepted is never accepted again, so an overheard code is
 * useless.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA1 } from '@oslojs/crypto/sha1';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** Seconds per step. */
export const TOTP_PERIOD_SECONDS = 30;
/** Digits per code. */
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** Bytes of a secret: 160 bits, the HMAC-SHA-1 block RFC 4226 recommends. */
const SECRET_BYTES = 20;

/** The HOTP value of a counter (RFC 4226 §5.3), `digits` long with leading zeros. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP_DIGITS): string {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const mac = hmac(SHA1, key, message);
  // Dynamic truncation: the low nibble of the last byte picks four bytes; drop their top bit.
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = new DataView(mac.buffer, mac.byteOffset).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The step an instant falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of the step `at` falls in. */
export function totpCode(key: Uint8Array, at: Date, digits: number = TOTP_DIGITS): string {
  return hotp(key, totpStep(at), digits);
}

/**
 * The step a code matches, or undefined: within `TOTP_WINDOW` steps of `at`, and later than
 * `lastStep` (the last accepted), so that no step is accepted twice. Compared in constant time.
 */
export function verifyTotp(key: Uint8Array, code: string, at: Date, lastStep: number | null): number | undefined {
  if (!/^\d+$/.test(code) || code.length !== TOTP_DIGITS) return undefined;
  const given = Buffer.from(code);
  const now = totpStep(at);
  let matched: number | undefined;
  // Every candidate is computed and compared, matched or not: the time taken does not say which.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step += 1) {
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), given);
    if (equal && (lastStep === null || step > lastStep) && matched === undefined) matched = step;
  }
  return matched;
}

/** A fresh secret: 160 random bits. */
export function generateTotpSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** A secret as authenticator apps take it: base32, upper case, no padding. */
export function encodeTotpSecret(secret: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(secret);
}

/** A secret from its base32 form (case and padding ignored). */
export function decodeTotpSecret(text: string): Uint8Array {
  return decodeBase32IgnorePadding(text.toUpperCase());
}

/**
 * The `otpauth://` URI an authenticator app scans (as a QR code) to enrol: the label is
 * `issuer:account`, and the parameters restate the algorithm, digits and period.
 */
export function otpauthUri(options: { issuer: string; account: string; secret: Uint8Array }): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`;
  // Percent-encoded by hand: URLSearchParams writes spaces as "+", which some apps show literally.
  const parameters: readonly (readonly [string, string])[] = [
    ['secret', encodeTotpSecret(options.secret)],
    ['issuer', options.issuer],
    ['algorithm', 'SHA1'],
    ['digits', String(TOTP_DIGITS)],
    ['period', String(TOTP_PERIOD_SECONDS)],
  ];
  const query = parameters.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `otpauth://totp/${label}?${query}`;
}
