import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EmailInUse, type SharingGroup, type UserAccount } from '../../../adapters/store/index.ts';
import { checkPassword, mayAdministerOrganisation } from '../../../domain/access/index.ts';
import type { LedgerEvent } from '../../../domain/audit/index.ts';
import { CONFIDENTIALITY_LEVELS } from '../../../domain/model/envelope.ts';
import { organisationInput } from '../../../domain/model/organisation.ts';
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
 * Administration: the users of an organisation (admins of their own; a coordinator's admins of
 * any) and sharing groups (managed by the admins of their member organisations). What is out of
 * an administrator's reach answers as if it did not exist.
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

  /** A group the principal's organisation is a member of, or not_found. */
  const memberGroup = async (principal: Principal, request: FastifyRequest, id: string): Promise<SharingGroup> => {
    const group = await store.groups.get(id);
    if (group === undefined || !group.members.includes(principal.organisation.id)) {
      return outOfReach(principal, request, [], 'group_out_of_reach');
    }
    return group;
  };

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
