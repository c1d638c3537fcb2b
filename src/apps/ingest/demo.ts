import { ingestContext } from '../../domain/ingest/prepare.ts';
import type { ApiKeyReach, Store } from '../../adapters/store/index.ts';
import { generatePassword, type PasswordHasher } from '../../domain/access/index.ts';
import type { Confidentiality, Role } from '../../domain/policy/index.ts';
import {
  addReports,
  EMPTY_REPORT,
  ingestRecords,
  type BatchReport,
  type PositionedItem,
} from '../../domain/ingest/ingest.service.ts';
import {
  generateWorld,
  memberOrganisation,
  scenarioRecords,
  scenarioRingAccount,
  scenarioWorkerVoice,
  SCENARIO_RING_ACCOUNT,
  SCENARIO_SUPPLY_SITE,
  WORLD_ORGANISATIONS,
  worldOrganisation,
  type WorldOptions,
  type WorldOrganisation,
} from '../../domain/synth/index.ts';

/** The world `npm start` loads into an empty database: a few tens of thousands of records. */
export const DEMO_WORLD: WorldOptions = { seed: 7, people: 5_000, rings: 2 };

const BATCH = 2_000;

/**
 * The demo's people who sign in: one per role, each in an organisation where the role makes sense,
 * a second reviewer in the police unit, who reviews its notices, and a second analyst at the
 * coordination hub, who sees what is shared with coordinators (the transport companies' trips).
 */
export const DEMO_USERS: readonly { role: Role; organisation: string; clearance: Confidentiality }[] = [
  { role: 'admin', organisation: 'weft-hub', clearance: 'secret' },
  { role: 'analyst', organisation: 'weft-hub', clearance: 'secret' },
  { role: 'analyst', organisation: 'gb-police-mst', clearance: 'secret' },
  { role: 'reviewer', organisation: 'gb-police-mst', clearance: 'secret' },
  { role: 'reporter', organisation: 'harbour-hotels', clearance: 'confidential' },
  { role: 'reviewer', organisation: 'freedom-line', clearance: 'confidential' },
  { role: 'caseworker', organisation: 'safe-harbour', clearance: 'secret' },
  { role: 'auditor', organisation: 'data-protection-board', clearance: 'restricted' },
];

/** A demo user's login: shown once, never stored in clear. */
export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly organisation: string;
  readonly role: Role;
}

/**
 * What a demo organisation's key reads as: NGOs support victims and review tips; everyone else
 * analyses. Police, the hub and NGOs are cleared to secret, companies to confidential.
 */
function demoKeyReach(organisation: WorldOrganisation): ApiKeyReach {
  const ngo = organisation.organisationType === 'ngo';
  return {
    roles: ngo ? ['caseworker', 'reviewer'] : ['analyst'],
    clearance: organisation.organisationType === 'company' ? 'confidential' : 'secret',
  };
}

/**
 * Loads a synthetic world as its organisations would submit it: saves the organisations, ingests
 * each one's records under its own source system and markings, and issues each an API key
 * (returned once, never stored in clear).
 */
export async function loadDemoWorld(
  store: Store,
  hasher: PasswordHasher,
  options: WorldOptions = DEMO_WORLD,
): Promise<{ keys: Record<string, string>; logins: DemoLogin[]; report: BatchReport }> {
  for (const organisation of WORLD_ORGANISATIONS) {
    await store.organisations.save(memberOrganisation(organisation));
  }
  const pending = new Map<string, PositionedItem[]>();
  let report = EMPTY_REPORT;
  const write = async (owner: string) => {
    const items = pending.get(owner) ?? [];
    if (items.length === 0) return;
    pending.set(owner, []);
    const organisation = worldOrganisation(owner);
    report = addReports(
      report,
      await ingestRecords(
        items,
        ingestContext(organisation, organisation.sourceSystem, organisation.markings, undefined, {
          actor: 'system:demo',
          // The demo world's notices arrive published, as if reviewed before it was loaded.
          noticesReviewed: true,
        }),
        store.records,
      ),
    );
  };
  function* items() {
    let ringIban: string | undefined;
    for (const item of generateWorld(options)) {
      if (
        item.kind === 'record' &&
        item.owner === SCENARIO_RING_ACCOUNT.bank &&
        item.record.sourceRecordId === SCENARIO_RING_ACCOUNT.sourceRecordId
      ) {
        const iban = item.record.properties['iban'];
        if (typeof iban === 'string') ringIban = iban;
      }
      yield item;
    }
    // The screening and red-flag stories (see domain/synth/demo-scenario.ts) beside the world's own records.
    for (const record of scenarioRecords(new Date().toISOString().slice(0, 10))) yield { kind: 'record', ...record };
    if (ringIban !== undefined) yield { kind: 'record', ...scenarioRingAccount(ringIban) };
  }
  for (const item of items()) {
    if (item.kind !== 'record') continue;
    const items = pending.get(item.owner) ?? [];
    items.push({ position: items.length, value: item.record });
    pending.set(item.owner, items);
    if (items.length >= BATCH) await write(item.owner);
  }
  for (const owner of pending.keys()) await write(owner);
  // The worker-voice story: the brand's supply site and its workers' answers of the last two months.
  const today = new Date().toISOString().slice(0, 10);
  const site = await store.workerVoice.createSite(
    {
      code: SCENARIO_SUPPLY_SITE.code,
      name: SCENARIO_SUPPLY_SITE.name,
      organisationId: SCENARIO_SUPPLY_SITE.brand,
      country: SCENARIO_SUPPLY_SITE.country,
    },
    { actor: 'system:demo', organisation: SCENARIO_SUPPLY_SITE.brand, requestId: null, purpose: null },
  );
  if (site !== undefined) {
    for (const survey of scenarioWorkerVoice(today)) await store.workerVoice.record({ siteCode: site.code, ...survey });
  }
  const keys: Record<string, string> = {};
  for (const organisation of WORLD_ORGANISATIONS) {
    keys[organisation.id] = await store.organisations.issueApiKey(
      organisation.id,
      'demo',
      ['records:write', 'records:read', 'records:export'],
      demoKeyReach(organisation),
    );
  }
  // One user per role, with a fresh password; each enrols an authenticator at first sign-in.
  const logins: DemoLogin[] = [];
  for (const user of DEMO_USERS) {
    const email = `${user.role}@${user.organisation}.example`;
    const password = generatePassword();
    if ((await store.users.findByEmail(email)) !== undefined) continue;
    await store.users.create(
      {
        organisationId: user.organisation,
        email,
        displayName: `Demo ${user.role}`,
        roles: [user.role],
        clearance: user.clearance,
        passwordHash: await hasher.hash(password),
      },
      (id) => [
        {
          actor: 'system:demo',
          organisation: user.organisation,
          action: 'administer',
          requestId: null,
          purpose: null,
          objectIds: [id],
          outcome: 'ok',
          detail: 'demo_user_created',
        },
      ],
    );
    logins.push({ email, password, organisation: user.organisation, role: user.role });
  }
  return { keys, logins, report };
}
