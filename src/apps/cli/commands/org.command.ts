import { Command, Option } from 'commander';
import { CONFIDENTIALITY_LEVELS } from '../../../domain/model/envelope.ts';
import { ROLES, type Confidentiality, type Role } from '../../../domain/policy/index.ts';
import { withConfiguredStore } from '../../open-store.ts';
import { API_PERMISSIONS, type ApiPermission } from '../../../domain/access/api-key.ts';
import { ORGANISATION_TYPES, organisationInput } from '../../../domain/model/organisation.ts';
import { SECTORS } from '../../../domain/model/taxonomy.ts';

/** `weft org …`: member organisations and their API keys. */
export function orgCommand(): Command {
  const org = new Command('org').description('Member organisations and their API keys');
  org
    .command('add <id>')
    .description('Add or update an organisation')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--type <type>', 'kind of organisation').choices(ORGANISATION_TYPES).makeOptionMandatory())
    .addOption(new Option('--sector <sector>', 'sector').choices(SECTORS).makeOptionMandatory())
    .option('--country <code>', 'ISO 3166-1 alpha-2 country')
    .action(async (id: string, options: { name: string; type: string; sector: string; country?: string }) => {
      const parsed = organisationInput.safeParse({
        id,
        name: options.name,
        organisationType: options.type,
        sector: options.sector,
        ...(options.country === undefined ? {} : { country: options.country }),
      });
      if (!parsed.success) {
        throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      }
      await withConfiguredStore((store) => store.organisations.save(parsed.data));
      process.stdout.write(`organisation ${id} saved\n`);
    });
  org
    .command('list')
    .description('List organisations')
    .action(async () => {
      const organisations = await withConfiguredStore((store) => store.organisations.list());
      for (const organisation of organisations) {
        process.stdout.write(
          `${organisation.id}\t${organisation.organisationType}\t${organisation.sector}\t${organisation.name}\n`,
        );
      }
    });
  org
    .command('key <id>')
    .description("Issue an API key for an organisation's system; printed once, stored only as a hash")
    .option('--name <name>', 'what the key is for', 'api')
    .addOption(
      new Option('--permission <permission...>', 'permissions').choices(API_PERMISSIONS).default([...API_PERMISSIONS]),
    )
    .addOption(new Option('--role <role...>', 'what the key reads as').choices(ROLES).default(['analyst']))
    .addOption(
      new Option('--clearance <level>', 'the highest confidentiality level it reads')
        .choices(CONFIDENTIALITY_LEVELS)
        .default('restricted'),
    )
    .action(
      async (
        id: string,
        options: { name: string; permission: ApiPermission[]; role: Role[]; clearance: Confidentiality },
      ) => {
        const key = await withConfiguredStore(async (store) => {
          if ((await store.organisations.get(id)) === undefined) throw new Error(`no organisation "${id}"`);
          return store.organisations.issueApiKey(id, options.name, options.permission, {
            roles: options.role,
            clearance: options.clearance,
          });
        });
        process.stdout.write(`${key}\n`);
      },
    );
  org
    .command('keys <id>')
    .description("An organisation's API keys: id, name, permissions, roles, clearance, when issued and revoked")
    .action(async (id: string) => {
      const keys = await withConfiguredStore((store) => store.organisations.listApiKeys(id));
      for (const key of keys) {
        process.stdout.write(
          `${key.id}\t${key.name}\t${key.permissions.join(',')}\t${key.roles.join(',')}\t${key.clearance}\t` +
            `issued ${key.createdAt}\t${key.revokedAt === null ? 'live' : `revoked ${key.revokedAt}`}\n`,
        );
      }
    });
  org
    .command('revoke <keyId>')
    .description('Revoke an API key at once (recorded in the ledger); find its id with `weft org keys`')
    .action(async (keyId: string) => {
      const revoked = await withConfiguredStore((store) =>
        store.organisations.revokeApiKey(keyId, { actor: 'system:cli', requestId: null, purpose: null }),
      );
      if (!revoked) throw new Error(`no live API key "${keyId}"`);
      process.stdout.write(`key ${keyId} revoked\n`);
    });
  return org;
}
