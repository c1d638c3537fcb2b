/**
 * Weft as an OpenID Connect relying party (openid-client): the authorization request (PKCE S256,
 * state, nonce, scope `openid email`) and the callback, whose code is exchanged and whose ID token
 * is checked (signature, issuer, audience, nonce, times) before anyone is signed in.
 *
 * What the callback must compare against (state, nonce, PKCE verifier) travels in a short-lived
 * cookie sealed with the field cipher (AES-256-GCM: the browser can neither read nor forge it),
 * HttpOnly, SameSite=Lax (so that the provider's top-level redirect back carries it), scoped to
 * the OIDC routes, and cleared by the callback whatever its outcome.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { FieldCipher } from '../../adapters/keys/key-ring.ts';
import type { OidcConfig } from '../config.ts';

/** The cookie that carries the pending authorization request. */
export const OIDC_COOKIE = 'weft_oidc';
/** How long a started sign-in may wait for the provider's answer. */
export const OIDC_PENDING_SECONDS = 600;
/** The cookie's path: only the OIDC routes ever see it. */
const COOKIE_PATH = '/api/v1/auth/oidc';
/** Tells this cookie's sealed payload from any other the field cipher seals. */
const PURPOSE = 'weft-oidc-pending';

/**
 * `amr` values (RFC 8176) that mean the provider's authentication was multi-factor, or used a
 * factor Weft accepts in place of its own TOTP.
 */
export const MULTI_FACTOR_AMR: ReadonlySet<string> = new Set(['mfa', 'mca', 'otp', 'hwk', 'swk']);

/** What the callback checks the provider's answer against. */
interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** Milliseconds since the epoch. */
  readonly expires: number;
}

/** Why a callback was refused; the ledger's detail (no token, code or email in it). */
export class OidcRefusal extends Error {
  constructor(readonly detail: string) {
    super(`OIDC sign-in refused: ${detail}`);
  }
}

/** The verified outcome of a callback. */
export interface ProviderIdentity {
  /** The provider's verified email. */
  readonly email: string;
  /** Whether the provider's authentication counts as the second factor. */
  readonly multiFactor: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The relying party of one configured provider. */
export class OidcRelyingParty {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcConfig,
    private readonly fields: FieldCipher,
    private readonly clock: () => Date,
  ) {}

  /** The provider's metadata, discovered once (again after a failure). */
  private discover(): Promise<client.Configuration> {
    if (this.configuration === undefined) {
      const issuer = new URL(this.settings.issuer);
      // Plain HTTP only to a provider on this machine (a local test IdP); never across a network.
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      const discovered = client
        .discovery(
          issuer,
          this.settings.clientId,
          undefined,
          client.ClientSecretBasic(this.settings.clientSecret),
          // Deprecated only to stand out; it is what openid-client offers for a non-TLS local provider.
          // eslint-disable-next-line @typescript-eslint/no-deprecated
          insecure ? { execute: [client.allowInsecureRequests] } : {},
        )
        .then((configuration) => {
          // Check the ID token's signature even though it came straight from the token endpoint.
          client.enableNonRepudiationChecks(configuration);
          return configuration;
        });
      discovered.catch(() => {
        this.configuration = undefined;
      });
      this.configuration = discovered;
    }
    return this.configuration;
  }

  /** Starts a sign-in: the URL to send the browser to, and the sealed cookie to set beside it. */
  async start(request: FastifyRequest, reply: FastifyReply): Promise<URL> {
    const configuration = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      expires: this.clock().getTime() + OIDC_PENDING_SECONDS * 1000,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    setPendingCookie(request, reply, this.fields.encrypt(JSON.stringify({ purpose: PURPOSE, ...pending })));
    return url;
  }

  /**
   * Finishes a sign-in: exchanges the code and checks everything; the verified identity, or an
   * `OidcRefusal`. The pending cookie is cleared in any case (it works once).
   */
  async callback(request: FastifyRequest, reply: FastifyReply): Promise<ProviderIdentity> {
    const pending = this.pending(request);
    setPendingCookie(request, reply, null);
    if (pending === undefined) throw new OidcRefusal('oidc_no_pending_request');
    const configuration = await this.discover();
    const current = new URL(this.settings.redirectUri);
    const query = request.url.indexOf('?');
    current.search = query === -1 ? '' : request.url.slice(query);
    if (current.searchParams.has('error')) throw new OidcRefusal('oidc_provider_error');

    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      request.log.info({ code: codeOf(error) }, 'OIDC code exchange refused');
      throw new OidcRefusal('oidc_rejected');
    }
    const claims = tokens.claims();
    if (claims === undefined) throw new OidcRefusal('oidc_rejected');

    // The email comes from the ID token when the provider puts it there, else from UserInfo
    // (whose subject must be the ID token's).
    let email: unknown = claims['email'];
    let verified: unknown = claims['email_verified'];
    if (email === undefined) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      } catch (error) {
        request.log.info({ code: codeOf(error) }, 'OIDC UserInfo refused');
        throw new OidcRefusal('oidc_rejected');
      }
    }
    if (typeof email !== 'string' || email === '' || verified !== true) {
      throw new OidcRefusal('oidc_email_unverified');
    }
    const amr: unknown = claims.amr;
    const multiFactor =
      Array.isArray(amr) && amr.some((method) => typeof method === 'string' && MULTI_FACTOR_AMR.has(method));
    return { email, multiFactor };
  }

  /** The pending request of the cookie, if it is ours, intact and not expired. */
  private pending(request: FastifyRequest): Pending | undefined {
    const sealed = cookieValue(request, OIDC_COOKIE);
    if (sealed === undefined) return undefined;
    try {
      const value = JSON.parse(this.fields.decrypt(sealed)) as Partial<Pending> & { purpose?: unknown };
      if (
        value.purpose !== PURPOSE ||
        typeof value.state !== 'string' ||
        typeof value.nonce !== 'string' ||
        typeof value.verifier !== 'string' ||
        typeof value.expires !== 'number' ||
        value.expires <= this.clock().getTime()
      ) {
        return undefined;
      }
      return { state: value.state, nonce: value.nonce, verifier: value.verifier, expires: value.expires };
    } catch {
      return undefined;
    }
  }
}

/** An error's code (openid-client's and oauth4webapi's are stable names), never its message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

/** The one value of a cookie; none when absent or given twice. */
function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const prefix = `${name}=`;
  const values = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(prefix))
    .map((part) => part.slice(prefix.length));
  return values.length === 1 ? values[0] : undefined;
}

/** Sets the pending-request cookie, or clears it when `value` is null. */
function setPendingCookie(request: FastifyRequest, reply: FastifyReply, value: string | null): void {
  const attributes = [
    'HttpOnly',
    'SameSite=Lax',
    `Path=${COOKIE_PATH}`,
    `Max-Age=${value === null ? 0 : OIDC_PENDING_SECONDS}`,
  ];
  if (!(request.protocol === 'http' && LOOPBACK.has(request.hostname))) attributes.push('Secure');
  void reply.header('set-cookie', `${OIDC_COOKIE}=${value ?? ''}; ${attributes.join('; ')}`);
}
