import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailInUse, type ApiKeySummary, type SharingGroup, type UserAccount } from '../../../adapters/store/index.ts';
import {
  API_PERMISSIONS,
  checkPassword,
  mayAdministerOrganisation,
  mayManageOrganisations,
} from '../../../domain/access/index.ts';
import type { LedgerEvent } from '../../../domain/audit/index.ts';
import { CONFIDENTIALITY_LEVELS } from '../../../domain/model/envelope.ts';
import { ORGANISATION_TYPES, organisationInput, type Organisation } from '../../../domain/model/organisation.ts';
import { SECTORS } from '../../../domain/model/taxonomy.ts';
import { ROLES, type Confidentiality } from '../../../domain/policy/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission, type Principal } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';

const organisationId = organisationInput.shape.id;
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const clearance = z.enum(CONFIDENTIALITY_LEVELS);

const userOutput = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    clearance,
    secondFactor: z.enum(['enrolled', 'not_enrolled']),
    lockedUntil: z.string().nullable(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

const groupOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    members: z.array(z.string()),
  })
  .meta({ id: 'SharingGroup' });

const organisationOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    organisationType: z.enum(ORGANISATION_TYPES),
    sector: z.enum(SECTORS),
    country: z.string().nullable(),
  })
  .meta({ id: 'Organisation' });

const apiKeyOutput = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    name: z.string(),
    permissions: z.array(z.enum(API_PERMISSIONS)),
    roles: z.array(z.enum(ROLES)),
    clearance,
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key as its organisation sees it: never its secret or hash.' });

const issuedApiKey = z
  .object({
    key: apiKeyOutput,
    secret: z.string().meta({ description: 'The key itself, for `Authorization: Bearer`: shown this once only.' }),
  })
  .meta({ id: 'IssuedApiKey' });

/** An organisation as every administrator sees it. */
function presentOrganisation(organisation: Organisation): z.infer<typeof organisationOutput> {
  return {
    id: organisation.id,
    name: organisation.name,
    organisationType: organisation.organisationType,
    sector: organisation.sector,
    country: organisation.country ?? null,
  };
}

/** An API key as its organisation's administrators see it: never its secret or hash. */
function presentApiKey(key: ApiKeySummary): z.infer<typeof apiKeyOutput> {
  return {
    id: key.id,
    organisationId: key.organisationId,
    name: key.name,
    permissions: [...key.permissions],
    roles: [...key.roles],
    clearance: key.clearance,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}

/** How the ledger names an API key among the objects of an event. */
const keyObject = (id: string): string => `key:${id}`;

/** A user as an administrator sees them: never a password hash or a TOTP secret. */
function presentUser(user: UserAccount): z.infer<typeof userOutput> {
  return {
    id: user.id,
    organisationId: user.organisationId,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles],
    clearance: user.clearance,
    secondFactor: user.totpConfirmedAt === null ? 'not_enrolled' : 'enrolled',
    lockedUntil: user.lockedUntil,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
  };
}

function presentGroup(group: SharingGroup): z.infer<typeof groupOutput> {
  return { ...group, members: [...group.members] };
}

/** An administrative event of the principal's, for the ledger. */
function administered(
  principal: Principal,
  request: FastifyRequest,
  objectIds: readonly string[],
  detail: string,
  outcome: LedgerEvent['outcome'] = 'ok',
): LedgerEvent {
  return {
    actor: principal.actor,
    organisation: principal.organisation.id,
    action: 'administer',
    requestId: request.id,
    purpose: null,
    objectIds,
    outcome,
    detail,
  };
}

const rank = (level: Confidentiality): number => CONFIDENTIALITY_LEVELS.indexOf(level);

/**
 * Administration: organisations (every admin reads them; a coordinator's admins create and change
 * them), an organisation's API keys (its own admins alone), the users of an organisation (admins
 * of their own; a coordinator's admins of any) and sharing groups (managed by the admins of their
 * member organisations). What is out of an administrator's reach answers as if it did not exist.
 */
export const adminRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store, passwords, clock } = services;

  /** Out of reach or missing: the same `not_found`, with the refusal in the ledger. */
  const outOfReach = async (
    principal: Principal,
    request: FastifyRequest,
    objectIds: string[],
    detail: string,
  ): Promise<never> => {
    await store.ledger.appendNow([administered(principal, request, objectIds, detail, 'denied')]);
    throw new WeftError('not_found');
  };

  /** A user the principal may administer, or not_found. */
  const reachableUser = async (principal: Principal, request: FastifyRequest, id: string): Promise<UserAccount> => {
    const user = await store.users.findById(id);
    if (user === undefined || !mayAdministerOrganisation(principal.organisation, user.organisationId)) {
      return outOfReach(principal, request, user === undefined ? [] : [user.id], 'user_out_of_reach');
    }
    return user;
  };

  /** Nobody grants a clearance above their own. */
  const checkGrantable = (principal: Principal, level: Confidentiality | undefined): void => {
    if (level !== undefined && rank(level) > rank(principal.subject.clearance)) {
      throw new WeftError('forbidden', 'You may not grant a clearance above your own.');
    }
  };

  /** Creating and changing organisations is a coordinator's; the refusal is recorded. */
  const requireOrganisationManager = async (
    principal: Principal,
    request: FastifyRequest,
    objectIds: string[],
  ): Promise<void> => {
    if (mayManageOrganisations(principal.organisation)) return;
    await store.ledger.appendNow([
      administered(principal, request, objectIds, 'organisation_change_refused', 'denied'),
    ]);
    throw new WeftError('forbidden', "Only a coordinator's administrators create or change organisations.");
  };

  /** A key of the principal's own organisation, or not_found. */
  const ownKey = async (principal: Principal, request: FastifyRequest, id: string): Promise<ApiKeySummary> => {
    const key = await store.organisations.getApiKey(id);
    if (key === undefined || key.organisationId !== principal.organisation.id) {
      return outOfReach(principal, request, key === undefined ? [] : [keyObject(key.id)], 'key_out_of_reach');
    }
    return key;
  };

  /** A group the principal's organisation is a member of, or not_found. */
  const memberGroup = async (principal: Principal, request: FastifyRequest, id: string): Promise<SharingGroup> => {
    const group = await store.groups.get(id);
    if (group === undefined || !group.members.includes(principal.organisation.id)) {
      return outOfReach(principal, request, [], 'group_out_of_reach');
    }
    return group;
  };

  app.get(
    '/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'The member organisations',
        description: 'Their ids, names, types, sectors and countries, for every administrator: nothing secret.',
        response: { 200: z.object({ organisations: z.array(organisationOutput) }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const organisations = await store.organisations.list();
      await store.ledger.appendNow([
        administered(
          principal,
          request,
          organisations.map((organisation) => organisation.id),
          'organisations_listed',
        ),
      ]);
      return { organisations: organisations.map(presentOrganisation) };
    },
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'The member organisations, for every member: whom to share a case with or route a tip to',
        description:
          'Their ids, names, types, sectors and countries: the directory of the exchange, nothing secret. ' +
          'Who may receive what is still decided by the sharing rules at the time of sharing.',
        response: { 200: z.object({ organisations: z.array(organisationOutput) }), 401: errorResponse },
      },
    },
    async (request) => {
      requirePermission(request, 'records:read');
      const organisations = await store.organisations.list();
      return { organisations: organisations.map(presentOrganisation) };
    },
  );

  app.get(
    '/admin/organisations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One member organisation',
        params: z.object({ id: z.string().max(63) }),
        response: { 200: organisationOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const organisation = await store.organisations.get(request.params.id);
      if (organisation === undefined) return outOfReach(principal, request, [], 'organisation_out_of_reach');
      await store.ledger.appendNow([administered(principal, request, [organisation.id], 'organisation_read')]);
      return presentOrganisation(organisation);
    },
  );

  app.post(
    '/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: "Add a member organisation (a coordinator's administrators only)",
        description: 'Its users are then created with `POST /admin/users` and its `organisationId`.',
        body: organisationInput,
        response: { 201: organisationOutput, 400: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'admin');
      const organisation = request.body;
      await requireOrganisationManager(principal, request, [organisation.id]);
      const created = await store.organisations.create(organisation, [
        administered(principal, request, [organisation.id], 'organisation_created'),
      ]);
      if (!created) {
        const message = 'This organisation id is taken.';
        throw new WeftError('validation_failed', message, [{ field: 'id', message }]);
      }
      return reply.code(201).send(presentOrganisation(organisation));
    },
  );

  app.patch(
    '/admin/organisations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Rename an organisation or change its sector (a coordinator's administrators only)",
        description:
          'Its type never changes. A new sector applies from the next request of its users and keys (fields ' +
          'restricted by sector follow it).',
        params: z.object({ id: z.string().max(63) }),
        body: z
          .object({ name: organisationInput.shape.name.optional(), sector: z.enum(SECTORS).optional() })
          .strict()
          .refine((body) => body.name !== undefined || body.sector !== undefined, {
            message: 'Give a name, a sector or both.',
          }),
        response: { 200: organisationOutput, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const { id } = request.params;
      await requireOrganisationManager(principal, request, [id]);
      const updated = await store.organisations.update(id, request.body, [
        administered(principal, request, [id], 'organisation_changed'),
      ]);
      if (updated === undefined) return outOfReach(principal, request, [], 'organisation_out_of_reach');
      return presentOrganisation(updated);
    },
  );

  app.get(
    '/admin/keys',
    {
      schema: {
        tags: ['admin'],
        summary: "The API keys of the administrator's organisation, newest first",
        description: 'Live and revoked; never a secret or a hash.',
        response: { 200: z.object({ keys: z.array(apiKeyOutput) }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const keys = await store.organisations.listApiKeys(principal.organisation.id);
      await store.ledger.appendNow([
        administered(
          principal,
          request,
          keys.map((key) => keyObject(key.id)),
          'keys_listed',
        ),
      ]);
      return { keys: keys.map(presentApiKey) };
    },
  );

  app.post(
    '/admin/keys',
    {
      schema: {
        tags: ['admin'],
        summary: "Issue an API key for a system of the administrator's organisation",
        description:
          'The secret is in this answer only: it is stored as a hash and never shown again. A key carries record ' +
          'permissions alone (never administration or the ledger), and reads as the roles and clearance given, ' +
          'as a user would. Nobody grants a clearance above their own.',
        body: z.object({
          name: z.string().trim().min(1).max(200).meta({ description: 'What the key is for.' }),
          permissions: z.array(z.enum(API_PERMISSIONS)).min(1).max(API_PERMISSIONS.length),
          roles,
          clearance,
        }),
        response: { 201: issuedApiKey, 400: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'admin');
      const { name, permissions, roles: keyRoles, clearance: level } = request.body;
      checkGrantable(principal, level);
      const { key, secret } = await store.organisations.createApiKey(
        principal.organisation.id,
        name,
        [...new Set(permissions)],
        { roles: [...new Set(keyRoles)], clearance: level },
        (id) => [administered(principal, request, [keyObject(id)], 'key_issued')],
      );
      // A secret no cache may keep.
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ key: presentApiKey(key), secret });
    },
  );

  app.post(
    '/admin/keys/:id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: "Revoke an API key of the administrator's organisation, at once",
        description:
          'Once this answers, no request made with the key is accepted, and no read begun with it returns ' +
          "anything. Revoking a revoked key changes nothing. Another organisation's key is as one that does not exist.",
        params: z.object({ id: z.string().max(63) }),
        response: { 200: apiKeyOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const key = await ownKey(principal, request, request.params.id);
      if (key.revokedAt === null) {
        await store.organisations.revokeApiKey(key.id, {
          actor: principal.actor,
          requestId: request.id,
          purpose: null,
        });
      } else {
        await store.ledger.appendNow([administered(principal, request, [keyObject(key.id)], 'key_already_revoked')]);
      }
      return presentApiKey(await ownKey(principal, request, key.id));
    },
  );

  app.post(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        description:
          "In the administrator's organisation, or (for a coordinator's administrators) in `organisationId`. The " +
          'password must have 12 to 256 characters, not all the same; the user enrols a TOTP authenticator at the ' +
          'first sign-in. Nobody grants a clearance above their own.',
        body: z.object({
          email: z.email().max(320),
          displayName: z.string().trim().min(1).max(200),
          roles,
          clearance,
          password: z.string().max(1024),
          organisationId: organisationId.optional(),
        }),
        response: { 201: userOutput, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'admin');
      const body = request.body;
      const target = body.organisationId ?? principal.organisation.id;
      if (
        !mayAdministerOrganisation(principal.organisation, target) ||
        (await store.organisations.get(target)) === undefined
      ) {
        return outOfReach(principal, request, [], 'organisation_out_of_reach');
      }
      checkGrantable(principal, body.clearance);
      const verdict = checkPassword(body.password);
      if (!verdict.ok) {
        throw new WeftError('validation_failed', verdict.reason, [{ field: 'password', message: verdict.reason }]);
      }
      try {
        const user = await store.users.create(
          {
            organisationId: target,
            email: body.email,
            displayName: body.displayName,
            roles: body.roles,
            clearance: body.clearance,
            passwordHash: await passwords.hash(body.password),
          },
          (id) => [administered(principal, request, [id], 'user_created')],
          clock(),
        );
        return await reply.code(201).send(presentUser(user));
      } catch (error) {
        if (!(error instanceof EmailInUse)) throw error;
        const message = 'This email belongs to another user already.';
        throw new WeftError('validation_failed', message, [{ field: 'email', message }]);
      }
    },
  );

  app.get(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: "An organisation's users",
        querystring: z.object({ organisationId: organisationId.optional() }),
        response: { 200: z.object({ users: z.array(userOutput) }), 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const target = request.query.organisationId ?? principal.organisation.id;
      if (!mayAdministerOrganisation(principal.organisation, target)) {
        return outOfReach(principal, request, [], 'organisation_out_of_reach');
      }
      const users = await store.users.list(target);
      await store.ledger.appendNow([
        administered(
          principal,
          request,
          users.map((user) => user.id),
          'users_listed',
        ),
      ]);
      return { users: users.map(presentUser) };
    },
  );

  app.post(
    '/admin/users/:id/disable',
    {
      schema: {
        tags: ['admin'],
        summary: 'Disable a user: their sessions end at once',
        params: z.object({ id: z.string() }),
        response: { 200: userOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const user = await reachableUser(principal, request, request.params.id);
      await store.users.disable(user.id, clock(), [administered(principal, request, [user.id], 'user_disabled')]);
      const disabled = await store.users.findById(user.id);
      if (disabled === undefined) throw new WeftError('not_found');
      return presentUser(disabled);
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Change a user's roles or clearance",
        description: 'The change applies from the next request of theirs. Nobody grants a clearance above their own.',
        params: z.object({ id: z.string() }),
        body: z
          .object({ roles: roles.optional(), clearance: clearance.optional() })
          .refine((body) => body.roles !== undefined || body.clearance !== undefined, {
            message: 'Give roles, a clearance or both.',
          }),
        response: { 200: userOutput, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const user = await reachableUser(principal, request, request.params.id);
      checkGrantable(principal, request.body.clearance);
      const updated = await store.users.update(user.id, request.body, [
        administered(principal, request, [user.id], 'user_changed'),
      ]);
      if (updated === undefined) throw new WeftError('not_found');
      return presentUser(updated);
    },
  );

  app.post(
    '/admin/users/:id/reset-second-factor',
    {
      schema: {
        tags: ['admin'],
        summary: "Reset a user's second factor: they enrol an authenticator again at their next sign-in",
        description: 'For a lost or exposed authenticator. Their sessions end at once.',
        params: z.object({ id: z.string() }),
        response: { 200: userOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const user = await reachableUser(principal, request, request.params.id);
      await store.users.resetSecondFactor(user.id, [
        administered(principal, request, [user.id], 'user_second_factor_reset'),
      ]);
      const reset = await store.users.findById(user.id);
      if (reset === undefined) throw new WeftError('not_found');
      return presentUser(reset);
    },
  );

  app.post(
    '/admin/users/:id/unlock',
    {
      schema: {
        tags: ['admin'],
        summary: 'Unlock a user locked out by failed attempts',
        description: 'Lifts the lock and restarts the count of failures.',
        params: z.object({ id: z.string() }),
        response: { 200: userOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const user = await reachableUser(principal, request, request.params.id);
      await store.users.unlock(user.id, [administered(principal, request, [user.id], 'user_unlocked')]);
      const unlocked = await store.users.findById(user.id);
      if (unlocked === undefined) throw new WeftError('not_found');
      return presentUser(unlocked);
    },
  );

  app.post(
    '/admin/groups',
    {
      schema: {
        tags: ['admin'],
        summary: "Create a sharing group, with the administrator's organisation as its first member",
        body: z.object({ id: organisationId, name: z.string().trim().min(1).max(300) }),
        response: { 201: groupOutput, 400: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'admin');
      const { id, name } = request.body;
      const created = await store.groups.create({ id, name, createdBy: principal.organisation.id, at: clock() }, [
        administered(principal, request, [id], 'group_created'),
      ]);
      if (!created) {
        const message = 'This group id is taken.';
        throw new WeftError('validation_failed', message, [{ field: 'id', message }]);
      }
      const group = await memberGroup(principal, request, id);
      return reply.code(201).send(presentGroup(group));
    },
  );

  app.get(
    '/admin/groups',
    {
      schema: {
        tags: ['admin'],
        summary: "The sharing groups of the administrator's organisation, with their members",
        response: { 200: z.object({ groups: z.array(groupOutput) }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const groups = await store.groups.listFor(principal.organisation.id);
      await store.ledger.appendNow([
        administered(
          principal,
          request,
          groups.map((group) => group.id),
          'groups_listed',
        ),
      ]);
      return { groups: groups.map(presentGroup) };
    },
  );

  app.get(
    '/admin/groups/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One sharing group and its members',
        description: "Shown to its member organisations' administrators only; to others, as if it did not exist.",
        params: z.object({ id: z.string().max(63) }),
        response: { 200: groupOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const group = await memberGroup(principal, request, request.params.id);
      await store.ledger.appendNow([administered(principal, request, [group.id], 'group_read')]);
      return presentGroup(group);
    },
  );

  const membership = z.object({ id: z.string().max(63), organisation: z.string().max(63) });

  app.post(
    '/admin/groups/:id/members/:organisation',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add an organisation to a sharing group (administrators of its members only)',
        params: membership,
        response: { 200: groupOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const { id, organisation } = request.params;
      await memberGroup(principal, request, id);
      const outcome = await store.groups.addMember(
        id,
        organisation,
        [administered(principal, request, [id, organisation], 'group_member_added')],
        clock(),
      );
      if (outcome === 'no_such_group' || outcome === 'no_such_organisation') {
        return outOfReach(principal, request, [id], outcome);
      }
      return presentGroup(await memberGroup(principal, request, id));
    },
  );

  app.delete(
    '/admin/groups/:id/members/:organisation',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove an organisation from a sharing group (administrators of its members only)',
        description: 'A group keeps at least one member.',
        params: membership,
        response: { 204: z.null(), 400: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'admin');
      const { id, organisation } = request.params;
      await memberGroup(principal, request, id);
      const outcome = await store.groups.removeMember(id, organisation, [
        administered(principal, request, [id, organisation], 'group_member_removed'),
      ]);
      switch (outcome) {
        case 'removed':
          // No member list in the answer: the caller may have just removed its own organisation.
          return reply.code(204).send(null);
        case 'not_member':
          return outOfReach(principal, request, [id], 'not_a_member');
        case 'last_member': {
          const message = 'A sharing group keeps at least one member.';
          throw new WeftError('validation_failed', message, [{ field: 'organisation', message }]);
        }
      }
    },
  );
};
