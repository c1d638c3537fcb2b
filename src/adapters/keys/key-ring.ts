/**
 * The keys Weft keeps outside its database: the ledger's HMAC key, the key that signs ledger
 * checkpoints, and the key that encrypts sensitive fields (victim content, TOTP secrets). Each is a
 * file in the key folder (`WEFT_KEYS_DIR`, by default `keys/` in the data folder), created with
 * fresh random bytes on first use, readable by its owner only. Whoever can read or write the
 * database cannot forge a ledger entry or read an encrypted field without these files.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The keys, loaded. */
export interface KeyRing {
  /** HMAC key of the ledger's hash chain (32 bytes). */
  readonly ledgerKey: Uint8Array;
  /** Ed25519 key pair that signs ledger checkpoints. */
  readonly signingKey: KeyObject;
  readonly verifyKey: KeyObject;
  /** Encrypts and decrypts sensitive fields (AES-256-GCM). */
  readonly fields: FieldCipher;
  /**
   * The 32 bytes of that cipher's key, for the store, which seals victims' records with it in the
   * validation worker threads too (a cipher cannot cross to a thread; its key can). Never log it.
   */
  readonly fieldKey: Uint8Array;
}

/** Authenticated encryption of short texts, with a version prefix so keys can be rotated. */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const PREFIX = 'wf1:';

/** A field cipher over a 32-byte key: `wf1:` + base64url(iv ‖ tag ‖ ciphertext). */
export function fieldCipher(key: Uint8Array): FieldCipher {
  if (key.length !== 32) throw new Error('a field key has 32 bytes');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not an encrypted field');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function secretFile(path: string, create: () => Buffer): Buffer {
  if (!existsSync(path)) {
    // 'wx': never overwrite a key another process created in the meantime.
    try {
      writeFileSync(path, create(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(path, 0o600);
  return readFileSync(path);
}

/** Loads the key ring from a folder, creating what is missing. */
export function openKeyRing(folder: string): KeyRing {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const ledgerKey = secretFile(join(folder, 'ledger.key'), () => randomBytes(32));
  const fieldKey = secretFile(join(folder, 'field.key'), () => randomBytes(32));
  const signingPem = secretFile(join(folder, 'ledger-signing.pem'), () =>
    Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })),
  );
  if (ledgerKey.length !== 32 || fieldKey.length !== 32) throw new Error(`a key file in ${folder} is damaged`);
  const signingKey = createPrivateKey(signingPem);
  return { ledgerKey, signingKey, verifyKey: createPublicKey(signingKey), fields: fieldCipher(fieldKey), fieldKey };
}
