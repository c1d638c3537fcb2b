import { resolve } from 'node:path';

/** Run-time settings, from the environment. */
export interface Config {
  /** PostgreSQL server; unset means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** NATS server with JetStream; unset means the in-process queue. */
  readonly natsUrl: string | undefined;
  /** Folder of the embedded database and local state. */
  readonly dataDir: string;
  /** Folder of the keys kept outside the database (ledger, signing, field encryption). */
  readonly keysDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  /** Signing in through the organisation's OpenID Connect provider; unset means passwords only. */
  readonly oidc: OidcConfig | undefined;
  /** The organisation that runs the tip line (WEFT_TIP_LINE); unset means the demo world's hotline, if loaded. */
  readonly tipLine: string | undefined;
  /** The token SMS/USSD gateways present (WEFT_GATEWAY_TOKEN); unset means the gateway webhooks are off. */
  readonly gatewayToken: string | undefined;
}

/** An OpenID Connect relying party's settings (WEFT_OIDC_*). */
export interface OidcConfig {
  /** The provider's issuer URL (its discovery document is under `/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: Weft's `/api/v1/auth/oidc/callback`, as registered. */
  readonly redirectUri: string;
}

const OIDC_VARIABLES = {
  issuer: 'WEFT_OIDC_ISSUER',
  clientId: 'WEFT_OIDC_CLIENT_ID',
  clientSecret: 'WEFT_OIDC_CLIENT_SECRET',
  redirectUri: 'WEFT_OIDC_REDIRECT_URI',
} as const;

/** The OIDC settings: all four variables or none; some but not all is an error naming the missing ones. */
function readOidcConfig(environment: NodeJS.ProcessEnv): OidcConfig | undefined {
  const entries = Object.entries(OIDC_VARIABLES).map(
    ([key, variable]) => [key, variable, nonEmpty(environment[variable])] as const,
  );
  const missing = entries.filter(([, , value]) => value === undefined).map(([, variable]) => variable);
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) {
    throw new Error(
      `OIDC sign-in needs all of ${Object.values(OIDC_VARIABLES).join(', ')}; missing: ${missing.join(', ')}`,
    );
  }
  const value = (key: keyof OidcConfig): string => entries.find(([name]) => name === key)?.[2] ?? '';
  for (const key of ['issuer', 'redirectUri'] as const) {
    if (!URL.canParse(value(key))) throw new Error(`${OIDC_VARIABLES[key]} must be a URL, not "${value(key)}"`);
  }
  return {
    issuer: value('issuer'),
    clientId: value('clientId'),
    clientSecret: value('clientSecret'),
    redirectUri: value('redirectUri'),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads the configuration; a bad value is an error that names the variable. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(environment['PORT'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${environment['PORT'] ?? ''}"`);
  }
  const dataDir = resolve(nonEmpty(environment['WEFT_DATA_DIR']) ?? '.weft');
  return {
    databaseUrl: nonEmpty(environment['DATABASE_URL']),
    natsUrl: nonEmpty(environment['NATS_URL']),
    dataDir,
    keysDir: resolve(nonEmpty(environment['WEFT_KEYS_DIR']) ?? resolve(dataDir, 'keys')),
    port,
    host: nonEmpty(environment['HOST']) ?? 'localhost',
    logLevel: nonEmpty(environment['LOG_LEVEL']) ?? 'info',
    oidc: readOidcConfig(environment),
    tipLine: nonEmpty(environment['WEFT_TIP_LINE']),
    gatewayToken: nonEmpty(environment['WEFT_GATEWAY_TOKEN']),
  };
}
