import { Command, Option } from 'commander';
import { argon2Hasher } from '../../../adapters/passwords/argon2.ts';
import {
  checkPassword,
  decodeTotpSecret,
  generatePassword,
  TOTP_PERIOD_SECONDS,
  totpCode,
} from '../../../domain/access/index.ts';
import type { LedgerEvent } from '../../../domain/audit/index.ts';
import { CONFIDENTIALITY_LEVELS } from '../../../domain/model/envelope.ts';
import { organisationInput } from '../../../domain/model/organisation.ts';
import { ROLES, type Confidentiality, type Role } from '../../../domain/policy/index.ts';
import { withConfiguredStore } from '../../open-store.ts';

/** An administrative act from the command line: the operator at the machine, named `system`. */
function administered(organisation: string, objectIds: readonly string[], detail: string): LedgerEvent {
  return {
    actor: 'system',
    organisation,
    action: 'administer',
    requestId: null,
    purpose: null,
    objectIds,
    outcome: 'ok',
    detail: `cli:${detail}`,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break is how `echo` and files end a line, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `weft user …`: people who sign in. */
export function userCommand(): Command {
  const user = new Command('user').description('People who sign in (password and TOTP)');
  user
    .command('add <email>')
    .description(
      'Add a user; without --password-stdin a strong password is generated and printed once. ' +
        'The user enrols a TOTP authenticator at the first sign-in.',
    )
    .requiredOption('--org <id>', 'their organisation')
    .addOption(new Option('--role <role...>', 'their roles').choices(ROLES).makeOptionMandatory())
    .addOption(
      new Option('--clearance <level>', 'their clearance').choices(CONFIDENTIALITY_LEVELS).makeOptionMandatory(),
    )
    .option('--name <name>', 'display name (by default, the part of the email before the @)')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (
        email: string,
        options: { org: string; role: Role[]; clearance: Confidentiality; name?: string; passwordStdin?: boolean },
      ) => {
        const chosen = options.passwordStdin === true ? await readStdin() : undefined;
        const password = chosen ?? generatePassword();
        const verdict = checkPassword(password);
        if (!verdict.ok) throw new Error(verdict.reason);
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`"${email}" is not an email address`);
        const created = await withConfiguredStore(async (store) => {
          if ((await store.organisations.get(options.org)) === undefined) {
            throw new Error(`no organisation "${options.org}"`);
          }
          return store.users.create(
            {
              organisationId: options.org,
              email,
              displayName: options.name ?? email.slice(0, email.indexOf('@')),
              roles: [...new Set(options.role)],
              clearance: options.clearance,
              passwordHash: await argon2Hasher().hash(password),
            },
            (id) => [administered(options.org, [id], 'user_created')],
          );
        });
        process.stdout.write(`user ${created.email} added (${created.id})\n`);
        if (chosen === undefined) process.stdout.write(`password (shown once): ${password}\n`);
      },
    );
  user
    .command('list')
    .description("List an organisation's users")
    .requiredOption('--org <id>', 'the organisation')
    .action(async (options: { org: string }) => {
      const users = await withConfiguredStore((store) => store.users.list(options.org));
      for (const account of users) {
        const state =
          account.disabledAt !== null ? 'disabled' : account.totpConfirmedAt === null ? 'totp-not-enrolled' : 'active';
        process.stdout.write(
          `${account.id}\t${account.email}\t${account.roles.join(',')}\t${account.clearance}\t${state}\n`,
        );
      }
    });
  user
    .command('disable <email>')
    .description('Disable a user; their sessions end at once')
    .action(async (email: string) => {
      await withConfiguredStore(async (store) => {
        const account = await store.users.findByEmail(email);
        if (account === undefined) throw new Error(`no user "${email}"`);
        await store.users.disable(account.id, new Date(), [
          administered(account.organisationId, [account.id], 'user_disabled'),
        ]);
      });
      process.stdout.write(`user ${email} disabled\n`);
    });
  user
    .command('reset-2fa <email>')
    .description(
      "Reset a user's second factor (a lost or exposed authenticator): their sessions end, and they enrol " +
        'a TOTP authenticator again at their next sign-in',
    )
    .action(async (email: string) => {
      await withConfiguredStore(async (store) => {
        const account = await store.users.findByEmail(email);
        if (account === undefined) throw new Error(`no user "${email}"`);
        await store.users.resetSecondFactor(account.id, [
          administered(account.organisationId, [account.id], 'user_second_factor_reset'),
        ]);
      });
      process.stdout.write(`user ${email}: second factor reset; they enrol again at their next sign-in\n`);
    });
  user
    .command('unlock <email>')
    .description('Unlock a user locked out by failed attempts, and restart their count of failures')
    .action(async (email: string) => {
      await withConfiguredStore(async (store) => {
        const account = await store.users.findByEmail(email);
        if (account === undefined) throw new Error(`no user "${email}"`);
        await store.users.unlock(account.id, [administered(account.organisationId, [account.id], 'user_unlocked')]);
      });
      process.stdout.write(`user ${email} unlocked\n`);
    });
  user
    .command('code <key>')
    .description(
      'The current sign-in code for an authenticator key (the key the workbench shows at the first sign-in): ' +
        'an authenticator app on this machine, for trying the demo',
    )
    .action((key: string) => {
      let secret: Uint8Array;
      try {
        secret = decodeTotpSecret(key.replace(/\s+/gu, '').toUpperCase());
      } catch {
        secret = new Uint8Array();
      }
      if (secret.length < 10) {
        throw new Error('the key must be the base32 text the workbench showed (letters A–Z and digits 2–7)');
      }
      const now = new Date();
      const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
      process.stdout.write(`${totpCode(secret, now)}  (valid for ${left} more seconds)\n`);
    });
  return user;
}

/** `weft group …`: sharing groups. */
export function groupCommand(): Command {
  const group = new Command('group').description('Sharing groups: named sets of organisations');
  group
    .command('add <id>')
    .description('Create a sharing group; the creating organisation is its first member')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <creator>', 'the organisation that creates it')
    .action(async (id: string, options: { name: string; org: string }) => {
      if (!organisationInput.shape.id.safeParse(id).success) {
        throw new Error('a group id has lower-case letters, digits and hyphens, 2 to 63 characters');
      }
      await withConfiguredStore(async (store) => {
        if ((await store.organisations.get(options.org)) === undefined) {
          throw new Error(`no organisation "${options.org}"`);
        }
        const created = await store.groups.create({ id, name: options.name, createdBy: options.org }, [
          administered(options.org, [id], 'group_created'),
        ]);
        if (!created) throw new Error(`the group id "${id}" is taken`);
      });
      process.stdout.write(`group ${id} created with member ${options.org}\n`);
    });
  group
    .command('member <id> <org>')
    .description('Add an organisation to a sharing group (or remove it, with --remove)')
    .option('--remove', 'remove the organisation instead')
    .action(async (id: string, org: string, options: { remove?: boolean }) => {
      const message = await withConfiguredStore(async (store) => {
        if (options.remove === true) {
          const outcome = await store.groups.removeMember(id, org, [
            administered(org, [id, org], 'group_member_removed'),
          ]);
          if (outcome === 'not_member') throw new Error(`"${org}" is not a member of "${id}"`);
          if (outcome === 'last_member') throw new Error(`"${org}" is the last member of "${id}"`);
          return `${org} removed from ${id}`;
        }
        const outcome = await store.groups.addMember(id, org, [administered(org, [id, org], 'group_member_added')]);
        if (outcome === 'no_such_group') throw new Error(`no group "${id}"`);
        if (outcome === 'no_such_organisation') throw new Error(`no organisation "${org}"`);
        return outcome === 'added' ? `${org} added to ${id}` : `${org} was a member of ${id} already`;
      });
      process.stdout.write(`${message}\n`);
    });
  return group;
}
