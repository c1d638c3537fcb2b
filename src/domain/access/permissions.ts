/**
 * What a signed-in user may do, derived from their roles: declared once here as data, so that
 * routes ask for a permission and never test a role.
 */
import type { Organisation } from '../model/organisation.ts';
import type { Role } from '../policy/index.ts';
import { API_PERMISSIONS } from './api-key.ts';

/**
 * Every permission a principal may hold. API keys carry only `API_PERMISSIONS`; `admin` (users,
 * sharing groups) and `audit:read` (the ledger) belong to people who sign in with a second factor.
 */
export const PERMISSIONS = [...API_PERMISSIONS, 'admin', 'audit:read'] as const;
/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions each role grants. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Administrators read their own organisation's records (the sharing policy keeps them to it).
  admin: ['records:read', 'admin'],
  analyst: ['records:read', 'records:export'],
  reporter: ['records:write', 'records:read'],
  reviewer: ['records:read'],
  caseworker: ['records:read'],
  // Oversight reads the ledger, never content.
  auditor: ['audit:read'],
};

/** The union of the roles' permissions, in the order of `PERMISSIONS`. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

/** Whether a text names a permission an API key may carry. */
export function isApiPermission(text: string): text is (typeof API_PERMISSIONS)[number] {
  return (API_PERMISSIONS as readonly string[]).includes(text);
}

/**
 * Whether an administrator of `administrator` may manage the users of organisation `target`:
 * their own organisation's, or any organisation's for a coordinator (the hub that onboards members).
 */
export function mayAdministerOrganisation(
  administrator: Pick<Organisation, 'id' | 'organisationType'>,
  target: string,
): boolean {
  return administrator.id === target || administrator.organisationType === 'coordinator';
}

/**
 * Whether an administrator of `administrator` may create organisations and rename them or change
 * their sector: a coordinator's (the hub that onboards members), and nobody else.
 */
export function mayManageOrganisations(administrator: Pick<Organisation, 'organisationType'>): boolean {
  return administrator.organisationType === 'coordinator';
}
