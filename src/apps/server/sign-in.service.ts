/**
 * Signing in: a password, then a TOTP code, each step recorded in the ledger. The answers are
 * built so that they tell an attacker nothing: an unknown email, a wrong password, a locked or
 * disabled account all get the same refusal after the same Argon2 work; only the ledger knows
 * which it was. No email, password, code or token is ever written to the ledger or a log.
 */
import {
  checkPassword,
  decodeTotpSecret,
  encodeTotpSecret,
  generateTotpSecret,
  hashSessionToken,
  isLocked,
  LOCKOUT,
  mintSessionToken,
  otpauthUri,
  sessionUsable,
  verifyTotp,
  type PasswordHasher,
} from '../../domain/access/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { FieldCipher } from '../../adapters/keys/key-ring.ts';
import type { SessionView, Store, UserAccount } from '../../adapters/store/index.ts';
import { WeftError } from './errors.ts';

/** What signing in runs on. */
export interface SignInDependencies {
  readonly store: Store;
  readonly passwords: PasswordHasher;
  /** Seals TOTP secrets at rest. */
  readonly fields: FieldCipher;
  readonly clock: () => Date;
  /** The name authenticator apps show beside the account. */
  readonly issuer: string;
}

/** What the password step asks for next. */
export type NextStep = 'totp' | 'totp_enrolment';

/** The one refusal of the password step, whatever the reason. */
const passwordRefused = () =>
  new WeftError('unauthenticated', 'The email or password is not right, or this account cannot sign in now.');
/** The one refusal of a password change, whatever the reason. */
const passwordChangeRefused = () =>
  new WeftError('forbidden', 'The current password is not right, or the password cannot be changed now.');
/** The one refusal of the second-factor steps, whatever the reason. */
const secondFactorRefused = () =>
  new WeftError(
    'unauthenticated',
    'The code is not right, or this sign-in cannot go on; sign in again if it persists.',
  );

/** The sign-in steps. */
export class SignInService {
  constructor(private readonly deps: SignInDependencies) {}

  /**
   * The password step: on success, a new session in stage `password` (its token, to be set as the
   * cookie) and what comes next: the TOTP code, or enrolling one first.
   */
  async signIn(email: string, password: string, requestId: string): Promise<{ token: string; next: NextStep }> {
    const { store, passwords, clock } = this.deps;
    const user = await store.users.findByEmail(email);
    if (user === undefined) {
      await passwords.verifyNothing(password);
      // No account: nothing to name. The email itself is personal data and stays out.
      await store.ledger.appendNow([
        { ...signInEvent(null, requestId, 'denied', 'unknown_account'), actor: 'anonymous', objectIds: [] },
      ]);
      throw passwordRefused();
    }
    // The hash is checked whatever else is wrong, so that every refusal takes as long.
    const matches =
      user.passwordHash === null
        ? await passwords.verifyNothing(password)
        : await passwords.verify(user.passwordHash, password);
    const now = clock();
    const refusal =
      user.disabledAt !== null
        ? 'disabled'
        : isLocked(user.lockedUntil, now)
          ? 'locked'
          : user.passwordHash === null
            ? 'no_password'
            : undefined;
    if (refusal !== undefined) {
      await store.ledger.appendNow([signInEvent(user, requestId, 'denied', refusal)]);
      throw passwordRefused();
    }
    if (!matches) {
      await this.recordFailure(user, requestId, 'wrong_password');
      throw passwordRefused();
    }
    const { token, hash } = mintSessionToken();
    await store.users.createSession({ tokenHash: hash, userId: user.id, stage: 'password', at: now }, [
      signInEvent(user, requestId, 'ok', 'password'),
    ]);
    return { token, next: user.totpConfirmedAt === null ? 'totp_enrolment' : 'totp' };
  }

  /**
   * Signing in with an identity the organisation's OpenID Connect provider vouched for (its
   * verified email). OIDC never creates users: an unknown, disabled or locked account gets the
   * same refusal as a failed password. When the provider's authentication was multi-factor the
   * session is complete at once; otherwise it is a password-stage session that still needs the
   * Weft TOTP code (or its enrolment), exactly as after a password.
   */
  async signInWithProvider(
    identity: { readonly email: string; readonly multiFactor: boolean },
    requestId: string,
  ): Promise<{ token: string; next: NextStep | 'signed_in' }> {
    const { store, clock } = this.deps;
    const user = await store.users.findByEmail(identity.email);
    if (user === undefined) {
      await store.ledger.appendNow([signInEvent(null, requestId, 'denied', 'oidc_unknown_account')]);
      throw passwordRefused();
    }
    const now = clock();
    const refusal = user.disabledAt !== null ? 'disabled' : isLocked(user.lockedUntil, now) ? 'locked' : undefined;
    if (refusal !== undefined) {
      await store.ledger.appendNow([signInEvent(user, requestId, 'denied', `oidc_${refusal}`)]);
      throw passwordRefused();
    }
    const { token, hash } = mintSessionToken();
    const stage = identity.multiFactor ? 'complete' : 'password';
    await store.users.createSession({ tokenHash: hash, userId: user.id, stage, at: now }, [
      signInEvent(user, requestId, 'ok', identity.multiFactor ? 'oidc_mfa' : 'oidc'),
    ]);
    if (identity.multiFactor) return { token, next: 'signed_in' };
    return { token, next: user.totpConfirmedAt === null ? 'totp_enrolment' : 'totp' };
  }

  /** Records a provider sign-in refused before any account was known (bad state, code or token). */
  async refuseProviderSignIn(requestId: string, detail: string): Promise<never> {
    await this.deps.store.ledger.appendNow([signInEvent(null, requestId, 'denied', detail)]);
    throw passwordRefused();
  }

  /**
   * Starts TOTP enrolment for the user of a password-stage session who has no confirmed second
   * factor: a fresh secret, stored sealed and shown this once. Calling it again before
   * confirming replaces the secret.
   */
  async enrol(token: string | undefined, requestId: string): Promise<{ secret: string; otpauthUri: string }> {
    const session = await this.passwordStage(token, requestId);
    const { user } = session;
    if (user.totpConfirmedAt !== null) {
      await this.deps.store.ledger.appendNow([signInEvent(user, requestId, 'denied', 'totp_already_enrolled')]);
      throw new WeftError('forbidden', 'A second factor is set up for this account already.');
    }
    const secret = generateTotpSecret();
    const started = await this.deps.store.users.startTotpEnrolment(
      user.id,
      this.deps.fields.encrypt(encodeTotpSecret(secret)),
      [signInEvent(user, requestId, 'ok', 'totp_enrolment_started')],
    );
    if (!started) throw secondFactorRefused();
    return {
      secret: encodeTotpSecret(secret),
      otpauthUri: otpauthUri({ issuer: this.deps.issuer, account: user.email, secret }),
    };
  }

  /**
   * The second-factor step: a valid, unused TOTP code turns the password-stage session into a
   * complete one under a new token (the old one stops working). A wrong or replayed code counts
   * as a failure towards the lockout.
   */
  async verifyCode(token: string | undefined, code: string, requestId: string): Promise<{ token: string }> {
    const { store, fields, clock } = this.deps;
    const session = await this.passwordStage(token, requestId);
    const { user } = session;
    const now = clock();
    if (isLocked(user.lockedUntil, now)) {
      await store.ledger.appendNow([signInEvent(user, requestId, 'denied', 'locked')]);
      throw secondFactorRefused();
    }
    if (user.totpSecret === null) {
      await store.ledger.appendNow([signInEvent(user, requestId, 'denied', 'totp_not_enrolled')]);
      throw secondFactorRefused();
    }
    const step = verifyTotp(decodeTotpSecret(fields.decrypt(user.totpSecret)), code, now, user.totpLastStep);
    if (step === undefined) {
      await this.recordFailure(user, requestId, 'totp_failed');
      throw secondFactorRefused();
    }
    const next = mintSessionToken();
    const outcome = await store.users.completeSignIn(
      { userId: user.id, oldTokenHash: session.tokenHash, newTokenHash: next.hash, step, at: now },
      [signInEvent(user, requestId, 'ok', user.totpConfirmedAt === null ? 'totp_enrolled' : 'totp')],
    );
    switch (outcome) {
      case 'complete':
        return { token: next.token };
      case 'replayed':
        // The same step won a race in another request: this use of it is a replay.
        await this.recordFailure(user, requestId, 'totp_replayed');
        throw secondFactorRefused();
      case 'session_gone':
        await store.ledger.appendNow([signInEvent(user, requestId, 'denied', 'session_ended')]);
        throw secondFactorRefused();
    }
  }

  /**
   * A signed-in user changes their own password: the current one must match (a wrong one counts
   * towards the lockout, as at sign-in, and a locked account cannot change it), the new one
   * follows the password rules and is hashed with Argon2id, and every other session of the user
   * ends in the same transaction; the session `keepTokenHash` goes on.
   */
  async changePassword(
    change: {
      readonly userId: string;
      readonly keepTokenHash: string;
      readonly currentPassword: string;
      readonly newPassword: string;
    },
    requestId: string,
  ): Promise<void> {
    const { store, passwords, clock } = this.deps;
    const user = await store.users.findById(change.userId);
    if (user === undefined) throw new WeftError('unauthenticated');
    const verdict = checkPassword(change.newPassword);
    if (!verdict.ok) {
      throw new WeftError('validation_failed', verdict.reason, [{ field: 'newPassword', message: verdict.reason }]);
    }
    if (change.newPassword === change.currentPassword) {
      const message = 'The new password must differ from the current one.';
      throw new WeftError('validation_failed', message, [{ field: 'newPassword', message }]);
    }
    // The hash is checked whatever else is wrong, so that every refusal takes as long.
    const matches =
      user.passwordHash === null
        ? await passwords.verifyNothing(change.currentPassword)
        : await passwords.verify(user.passwordHash, change.currentPassword);
    const refusal = isLocked(user.lockedUntil, clock())
      ? 'locked'
      : user.passwordHash === null
        ? 'no_password'
        : undefined;
    if (refusal !== undefined) {
      await store.ledger.appendNow([passwordChangeEvent(user, requestId, 'denied', `password_change_${refusal}`)]);
      throw passwordChangeRefused();
    }
    if (!matches || user.passwordHash === null) {
      await this.recordFailure(user, requestId, 'password_change_wrong_password', passwordChangeEvent);
      throw passwordChangeRefused();
    }
    const changed = await store.users.changePassword(
      {
        userId: user.id,
        previousHash: user.passwordHash,
        passwordHash: await passwords.hash(change.newPassword),
        keepTokenHash: change.keepTokenHash,
      },
      [passwordChangeEvent(user, requestId, 'ok', 'password_changed')],
    );
    if (!changed) {
      // Changed by another request meanwhile (or the account was disabled): this one did nothing.
      await store.ledger.appendNow([passwordChangeEvent(user, requestId, 'denied', 'password_change_raced')]);
      throw passwordChangeRefused();
    }
  }

  /** Ends the session of the token, if any. */
  async signOut(token: string | undefined, requestId: string): Promise<void> {
    if (token === undefined) return;
    await this.deps.store.users.deleteSession(hashSessionToken(token), ({ userId, organisationId }) => [
      {
        actor: `user:${userId}`,
        organisation: organisationId,
        action: 'sign_out',
        requestId,
        purpose: null,
        objectIds: [userId],
        outcome: 'ok',
      },
    ]);
  }

  /** The usable password-stage session of a token, or the second-factor refusal. */
  private async passwordStage(token: string | undefined, requestId: string): Promise<SessionView> {
    if (token === undefined) throw new WeftError('unauthenticated');
    const session = await this.deps.store.users.findSession(hashSessionToken(token));
    if (session === undefined) throw secondFactorRefused();
    if (!sessionUsable(session, 'password', this.deps.clock())) {
      await this.deps.store.ledger.appendNow([
        signInEvent(session.user, requestId, 'denied', session.stage === 'complete' ? 'already_complete' : 'expired'),
      ]);
      throw secondFactorRefused();
    }
    return session;
  }

  /** Counts a failure, locking the account at the limit; the ledger says which and whether it locked. */
  private async recordFailure(
    user: UserAccount,
    requestId: string,
    detail: string,
    event: typeof signInEvent = signInEvent,
  ): Promise<void> {
    await this.deps.store.users.recordFailure(user.id, this.deps.clock(), LOCKOUT, (lockedNow) => [
      event(user, requestId, 'denied', detail),
      ...(lockedNow ? [event(user, requestId, 'denied', 'lockout')] : []),
    ]);
  }
}

/** A sign-in event about a user (or about no known account). */
function signInEvent(
  user: UserAccount | null,
  requestId: string,
  outcome: LedgerEvent['outcome'],
  detail: string,
): LedgerEvent {
  return {
    actor: user === null ? 'anonymous' : `user:${user.id}`,
    organisation: user?.organisationId ?? null,
    action: 'sign_in',
    requestId,
    purpose: null,
    objectIds: user === null ? [] : [user.id],
    outcome,
    detail,
  };
}

/** A user's act on their own account (a password change), as an administrative event of theirs. */
function passwordChangeEvent(
  user: UserAccount | null,
  requestId: string,
  outcome: LedgerEvent['outcome'],
  detail: string,
): LedgerEvent {
  return { ...signInEvent(user, requestId, outcome, detail), action: 'administer' };
}
