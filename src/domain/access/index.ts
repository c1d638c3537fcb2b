/** Who may come in and with what: API keys, passwords, TOTP, sessions, lockout, permissions. */
export { API_PERMISSIONS, hashApiKey, looksLikeApiKey, mintApiKey, type ApiPermission } from './api-key.ts';
export { isLocked, LOCKOUT, type LockoutPolicy } from './lockout.ts';
export {
  checkPassword,
  generatePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordCheck,
  type PasswordHasher,
} from './password.ts';
export {
  isApiPermission,
  mayAdministerOrganisation,
  mayManageOrganisations,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  type Permission,
} from './permissions.ts';
export {
  hashSessionToken,
  looksLikeSessionToken,
  mintSessionToken,
  PASSWORD_STAGE_MS,
  SESSION_IDLE_MS,
  sessionUsable,
  type SessionStage,
  type SessionTimes,
} from './session.ts';
export {
  decodeTotpSecret,
  encodeTotpSecret,
  generateTotpSecret,
  hotp,
  otpauthUri,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.ts';
