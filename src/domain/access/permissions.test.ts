import { describe, expect, it } from 'vitest';
import { ROLES } from '../policy/index.ts';
import { API_PERMISSIONS } from './api-key.ts';
import {
  isApiPermission,
  mayAdministerOrganisation,
  mayManageOrganisations,
  PERMISSIONS,
  permissionsOf,
} from './permissions.ts';

describe('permissions of roles', () => {
  it.each([
    [['reporter'], ['records:write', 'records:read']],
    [['analyst'], ['records:read', 'records:export']],
    [['reviewer'], ['records:read']],
    [['caseworker'], ['records:read']],
    [['admin'], ['records:read', 'admin']],
    [['auditor'], ['audit:read']],
    [[], []],
    [
      ['auditor', 'reporter', 'analyst'],
      ['records:write', 'records:read', 'records:export', 'audit:read'],
    ],
  ] as const)('gives %j exactly %j', (roles, expected) => {
    expect(permissionsOf(roles)).toEqual(expected);
  });

  it('keeps content away from auditors and administration away from everyone but admins', () => {
    for (const role of ROLES) {
      const granted = permissionsOf([role]);
      expect(granted.includes('admin')).toBe(role === 'admin');
      expect(granted.includes('audit:read')).toBe(role === 'auditor');
      if (role === 'auditor') expect(granted.filter((permission) => permission.startsWith('records:'))).toEqual([]);
    }
  });

  it('lets API keys carry record permissions only', () => {
    expect(PERMISSIONS.filter(isApiPermission)).toEqual([...API_PERMISSIONS]);
    expect(isApiPermission('admin')).toBe(false);
    expect(isApiPermission('audit:read')).toBe(false);
  });

  it("lets an admin manage their own organisation's users, and a coordinator's admin any organisation's", () => {
    expect(mayAdministerOrganisation({ id: 'hotel', organisationType: 'company' }, 'hotel')).toBe(true);
    expect(mayAdministerOrganisation({ id: 'hotel', organisationType: 'company' }, 'police')).toBe(false);
    expect(mayAdministerOrganisation({ id: 'hub', organisationType: 'coordinator' }, 'police')).toBe(true);
  });

  it("lets a coordinator's admins alone create and change organisations", () => {
    expect(mayManageOrganisations({ organisationType: 'coordinator' })).toBe(true);
    for (const organisationType of ['law_enforcement', 'company', 'ngo', 'oversight'] as const) {
      expect(mayManageOrganisations({ organisationType })).toBe(false);
    }
  });
});
