/**
 * What the administration API answers, as the screen reads it, and the closed lists its forms
 * offer (the same as the server's enums: roles, clearances, key permissions, organisation types,
 * sectors; the server checks every value again).
 */
import { SECTORS } from '../../vocabulary.ts';

export { SECTORS };

export const ROLES = ['admin', 'analyst', 'reporter', 'reviewer', 'caseworker', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Clearance levels, lowest first. */
export const CLEARANCES = ['restricted', 'confidential', 'secret'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/** What an API key may carry: record permissions alone, never administration or the ledger. */
export const KEY_PERMISSIONS = ['records:read', 'records:write', 'records:export'] as const;

export const ORGANISATION_TYPES = ['coordinator', 'law_enforcement', 'company', 'ngo', 'oversight'] as const;

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly organisationType: (typeof ORGANISATION_TYPES)[number];
  readonly sector: (typeof SECTORS)[number];
  readonly country: string | null;
}

export interface User {
  readonly id: string;
  readonly organisationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly clearance: Clearance;
  readonly secondFactor: 'enrolled' | 'not_enrolled';
  readonly lockedUntil: string | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

export interface SharingGroup {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly members: readonly string[];
}

export interface ApiKey {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly roles: readonly Role[];
  readonly clearance: Clearance;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface DueRecord {
  readonly id: string;
  readonly type: string;
  readonly reviewAt: string;
  readonly keptUntil: string | null;
  readonly status: 'due' | 'overdue';
  /** Null when the record is above the reader's clearance. */
  readonly caption: string | null;
}

export interface RetentionNotice {
  readonly id: string;
  readonly reviewMonth: string;
  readonly records: number;
  readonly firstReviewAt: string;
  readonly acknowledgedAt: string | null;
}

/** When a user's lock-out ends, if they are locked out now. */
export function activeLock(user: User, now = new Date()): string | null {
  return user.lockedUntil !== null && new Date(user.lockedUntil) > now ? user.lockedUntil : null;
}

/** The clearances a user may grant: their own and below (the server refuses higher). */
export function grantable(own: string): readonly Clearance[] {
  const rank = CLEARANCES.indexOf(own as Clearance);
  return rank < 0 ? [] : CLEARANCES.slice(0, rank + 1);
}

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A temporary password for a new user: 20 characters drawn without bias from an alphabet without
 * look-alikes (about 116 bits), from the browser's cryptographic generator. The API takes the
 * password from the administrator and never returns it, so it is made here and shown once.
 */
export function temporaryPassword(length = 20): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  const characters: string[] = [];
  while (characters.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && characters.length < length)
        characters.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length] ?? '');
    }
  }
  return characters.join('');
}
