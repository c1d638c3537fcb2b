/**
 * Signed ledger checkpoints: the head of the chain (number, hash, moment) signed with the key
 * ring's Ed25519 key, to be kept outside the database (printed, mailed to an overseer, committed
 * elsewhere). Verifying the ledger against one catches a chain rewritten or cut short since, which
 * the chain alone cannot show. The public key travels in the file so that anyone can check the
 * signature; Weft itself checks it against its own key, never against the key the file names.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { checkpointPayload, type Checkpoint } from '../../domain/audit/index.ts';
import type { KeyRing } from './key-ring.ts';

/** A checkpoint as written to its file. */
export interface SignedCheckpoint extends Checkpoint {
  /** Ed25519 signature over `checkpointPayload(checkpoint)`, base64url. */
  readonly signature: string;
  /** The public half of the signing key, SPKI PEM. */
  readonly publicKey: string;
}

/** A checkpoint file that cannot be trusted: unreadable, malformed, or not signed by our key. */
export class CheckpointRefused extends Error {
  override readonly name = 'CheckpointRefused';
}

const signedCheckpoint = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lower-case hex'),
  at: z.iso.datetime(),
  // An Ed25519 signature is 64 bytes: 86 base64url characters without padding.
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature in base64url'),
  publicKey: z.string().min(1),
});

function spkiPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Signs a checkpoint with the key ring's signing key. */
export function signCheckpoint(
  checkpoint: Checkpoint,
  keyRing: Pick<KeyRing, 'signingKey' | 'verifyKey'>,
): SignedCheckpoint {
  const signature = sign(null, Buffer.from(checkpointPayload(checkpoint)), keyRing.signingKey);
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    at: checkpoint.at,
    signature: signature.toString('base64url'),
    publicKey: spkiPem(keyRing.verifyKey),
  };
}

/**
 * Parses a checkpoint file's text and checks its signature with our verify key. Returns the
 * checkpoint; throws CheckpointRefused, saying why, when it is not JSON, not a checkpoint, names
 * another public key, or its signature does not cover what it says.
 */
export function verifySignedCheckpoint(json: string, verifyKey: KeyObject): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new CheckpointRefused('the checkpoint is not JSON');
  }
  const parsed = signedCheckpoint.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new CheckpointRefused(`the checkpoint is malformed (${problems.join('; ')})`);
  }
  const { signature, publicKey, ...checkpoint } = parsed.data;
  let named: KeyObject;
  try {
    named = createPublicKey(publicKey);
  } catch {
    throw new CheckpointRefused('the checkpoint names a public key that cannot be read');
  }
  if (!named.equals(verifyKey)) {
    throw new CheckpointRefused("the checkpoint was signed with another key than this key ring's");
  }
  if (!verify(null, Buffer.from(checkpointPayload(checkpoint)), verifyKey, Buffer.from(signature, 'base64url'))) {
    throw new CheckpointRefused('the checkpoint signature does not verify: the checkpoint was altered');
  }
  return checkpoint;
}
