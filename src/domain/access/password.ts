/**
 * Password rules, after NIST SP 800-63B and OWASP ASVS: length is what counts (at least 12
 * characters, up to 256 so that any passphrase fits but hashing cannot be made to crawl), no
 * composition rules, and no password made of one character repeated. Hashing (Argon2id) is an
 * adapter's work: the library is native.
 */
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';

/** The fewest characters a password may have. */
export const PASSWORD_MIN_LENGTH = 12;
/** The most characters a password may have. */
export const PASSWORD_MAX_LENGTH = 256;

/** Whether a password is acceptable, and if not, why (shown to the person choosing it). */
export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a new password against the rules. Characters are counted as code points, not UTF-16 units. */
export function checkPassword(password: string): PasswordCheck {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- SP 800-63B counts code points, as spreading does
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return { ok: false, reason: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.` };
  }
  if (characters.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, reason: `A password may have at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (new Set(characters).size === 1) {
    return { ok: false, reason: 'A password may not be one character repeated.' };
  }
  return { ok: true };
}

/** Letters and digits that cannot be mistaken for one another when read out or copied by hand. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GENERATED_LENGTH = 24;

const random: RandomReader = {
  read(bytes) {
    crypto.getRandomValues(bytes);
  },
};

/** A strong random password (24 characters of 56: about 139 bits), for a first sign-in. */
export function generatePassword(): string {
  return generateRandomString(random, ALPHABET, GENERATED_LENGTH);
}

/** The port through which passwords are hashed and checked (Argon2id, in an adapter: the library is native). */
export interface PasswordHasher {
  /** The PHC string of a password. */
  hash(password: string): Promise<string>;
  /** Whether the password matches the PHC string; false (never an error) for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
  /**
   * Spends the time of one `verify` and answers false: for an unknown account, so that it takes as
   * long to refuse as a wrong password does.
   */
  verifyNothing(password: string): Promise<false>;
}
