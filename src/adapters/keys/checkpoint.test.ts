import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointPayload, type Checkpoint } from '../../domain/audit/index.ts';
import { CheckpointRefused, signCheckpoint, verifySignedCheckpoint } from './checkpoint.ts';
import { openKeyRing } from './key-ring.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-checkpoint-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const ring = openKeyRing(join(folder, 'keys'));
const other = openKeyRing(join(folder, 'other'));
const checkpoint: Checkpoint = { seq: 1234, hash: 'ab'.repeat(32), at: '2026-11-25T10:00:00.000Z' };
const file = (value: unknown): string => JSON.stringify(value, null, 2);

describe('signed ledger checkpoints', () => {
  it('read back as the checkpoint that was signed', () => {
    const signed = signCheckpoint(checkpoint, ring);
    expect(verifySignedCheckpoint(file(signed), ring.verifyKey)).toEqual(checkpoint);
  });

  it('carry a public key with which anyone can check the signature, without Weft', () => {
    const signed = signCheckpoint(checkpoint, ring);
    const publicKey = createPublicKey(signed.publicKey);
    expect(signed.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(
      verify(null, Buffer.from(checkpointPayload(checkpoint)), publicKey, Buffer.from(signed.signature, 'base64url')),
    ).toBe(true);
  });

  it.each([
    ['hash', { hash: 'cd'.repeat(32) }],
    ['sequence number', { seq: 1235 }],
    ['time', { at: '2026-11-25T10:00:01.000Z' }],
  ])('are refused when their %s was altered', (_, change) => {
    const signed = { ...signCheckpoint(checkpoint, ring), ...change };
    expect(() => verifySignedCheckpoint(file(signed), ring.verifyKey)).toThrow(
      new CheckpointRefused('the checkpoint signature does not verify: the checkpoint was altered'),
    );
  });

  it('are refused when their signature was altered', () => {
    const signed = signCheckpoint(checkpoint, ring);
    const flipped = `${signed.signature.startsWith('A') ? 'B' : 'A'}${signed.signature.slice(1)}`;
    expect(() => verifySignedCheckpoint(file({ ...signed, signature: flipped }), ring.verifyKey)).toThrow(
      /signature does not verify/,
    );
  });

  it('are refused when signed with another key, even one the file names', () => {
    const forged = signCheckpoint(checkpoint, other);
    expect(() => verifySignedCheckpoint(file(forged), ring.verifyKey)).toThrow(/signed with another key/);
    // Our public key pasted over the forger's: the signature then fails.
    const pasted = { ...forged, publicKey: signCheckpoint(checkpoint, ring).publicKey };
    expect(() => verifySignedCheckpoint(file(pasted), ring.verifyKey)).toThrow(/signature does not verify/);
  });

  it.each([
    ['not JSON', '{"seq": 1', /not JSON/],
    ['missing its signature', file({ ...checkpoint, publicKey: 'x' }), /malformed \(signature: /],
    ['carrying a hash that is not one', file({ ...signCheckpoint(checkpoint, ring), hash: 'abc' }), /hash: a SHA-256/],
    ['carrying a field it should not', file({ ...signCheckpoint(checkpoint, ring), note: 1 }), /malformed/],
    [
      'naming an unreadable public key',
      file({ ...signCheckpoint(checkpoint, ring), publicKey: 'x' }),
      /cannot be read/,
    ],
  ])('are refused when %s', (_, text, message) => {
    expect(() => verifySignedCheckpoint(text, ring.verifyKey)).toThrow(message);
    expect(() => verifySignedCheckpoint(text, ring.verifyKey)).toThrow(CheckpointRefused);
  });
});
