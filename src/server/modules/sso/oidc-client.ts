import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

/**
 * The relying-party side of OpenID Connect (Core 1.0, Discovery 1.0): the authorization code flow
 * with PKCE (RFC 7636, S256), `state` and `nonce`. The ID token's signature is checked against the
 * provider's published keys, and its issuer, audience, authorized party, expiry and nonce against
 * what this sign-in expects. Written on `jose` and `fetch`; nothing here touches the database.
 */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

export interface IdTokenClaims {
  sub: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
}

/** A refusal that a person can be told about (by code), as opposed to a fault. */
export class OidcError extends Error {
  constructor(
    readonly code: 'provider_unreachable' | 'provider_error' | 'id_token_invalid',
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;
const DISCOVERY_TTL_MS = 10 * 60_000;
/** Clocks of the portal and the provider may disagree by this much. */
const CLOCK_TOLERANCE_SECONDS = 60;
const SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export const newPkceVerifier = (): string => randomBytes(32).toString('base64url');
export const pkceChallenge = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

/** Issuers must be https; plain http only on this machine (development and tests). */
export function checkIssuerUrl(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be a URL, e.g. https://login.example.com';
  }
  const isLoopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback))
    return 'must be an https:// URL';
  if (url.search || url.hash) return 'must not have a query or a fragment';
  return null;
}

export class OidcClient {
  private readonly discovered = new Map<string, { metadata: ProviderMetadata; at: number }>();
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  /** The provider's discovery document; its `issuer` must be exactly the configured one (Discovery §4.3). */
  async discover(issuer: string): Promise<ProviderMetadata> {
    const cached = this.discovered.get(issuer);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const doc = (await this.fetchJson(url, {
      headers: { accept: 'application/json' },
    })) as Partial<ProviderMetadata>;
    if (doc.issuer !== issuer)
      throw new OidcError('provider_error', `${url} names the issuer ${String(doc.issuer)}, not ${issuer}`);
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof doc[field] !== 'string') throw new OidcError('provider_error', `${url} has no ${field}`);
    }
    const metadata = doc as ProviderMetadata;
    this.discovered.set(issuer, { metadata, at: Date.now() });
    return metadata;
  }

  authorizationUrl(
    metadata: ProviderMetadata,
    p: {
      clientId: string;
      redirectUri: string;
      state: string;
      nonce: string;
      codeVerifier: string;
      loginHint?: string | undefined;
    },
  ): string {
    const url = new URL(metadata.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', p.clientId);
    url.searchParams.set('redirect_uri', p.redirectUri);
    url.searchParams.set('scope', 'openid email profile');
    url.searchParams.set('state', p.state);
    url.searchParams.set('nonce', p.nonce);
    url.searchParams.set('code_challenge', pkceChallenge(p.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    if (p.loginHint) url.searchParams.set('login_hint', p.loginHint);
    return url.toString();
  }

  /** Trades the code for tokens at the token endpoint and returns the verified ID token's claims. */
  async redeemCode(
    metadata: ProviderMetadata,
    p: {
      clientId: string;
      clientSecret: string;
      redirectUri: string;
      code: string;
      codeVerifier: string;
      nonce: string;
      now: Date;
    },
  ): Promise<IdTokenClaims> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: p.code,
      redirect_uri: p.redirectUri,
      code_verifier: p.codeVerifier,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    if (methods.includes('client_secret_basic')) {
      // RFC 6749 §2.3.1: both parts form-encoded before Basic.
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(p.clientId)}:${encodeURIComponent(p.clientSecret)}`).toString('base64')}`;
    } else {
      body.set('client_id', p.clientId);
      body.set('client_secret', p.clientSecret);
    }
    const tokens = (await this.fetchJson(metadata.token_endpoint, { method: 'POST', headers, body })) as {
      id_token?: unknown;
      error?: unknown;
    };
    if (typeof tokens.id_token !== 'string')
      throw new OidcError('provider_error', 'the token endpoint answered without an ID token');
    return this.verifyIdToken(metadata, tokens.id_token, {
      clientId: p.clientId,
      nonce: p.nonce,
      now: p.now,
    });
  }

  async verifyIdToken(
    metadata: ProviderMetadata,
    idToken: string,
    expected: { clientId: string; nonce: string; now: Date },
  ): Promise<IdTokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.keySetOf(metadata.jwks_uri), {
        issuer: metadata.issuer,
        audience: expected.clientId,
        algorithms: SIGNING_ALGORITHMS,
        currentDate: expected.now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError)
        throw new OidcError('id_token_invalid', `the ID token was refused: ${error.message}`);
      throw error;
    }
    // Core §3.1.3.7: with several audiences, the token must be issued to us (azp).
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== expected.clientId) {
      throw new OidcError('id_token_invalid', 'the ID token was issued to another client (azp)');
    }
    if (payload.nonce !== expected.nonce)
      throw new OidcError('id_token_invalid', 'the ID token does not carry the nonce of this sign-in');
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : null;
    const verified = payload.email_verified;
    return {
      sub: payload.sub!,
      email,
      emailVerified:
        typeof verified === 'boolean'
          ? verified
          : verified === 'true'
            ? true
            : verified === 'false'
              ? false
              : null,
      name: typeof payload.name === 'string' ? payload.name : null,
    };
  }

  private keySetOf(jwksUri: string) {
    let keySet = this.keySets.get(jwksUri);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS });
      this.keySets.set(jwksUri, keySet);
    }
    return keySet;
  }

  private async fetchJson(url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new OidcError(
        'provider_unreachable',
        `${url} could not be reached: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new OidcError('provider_error', `${url} answered ${res.status} with something that is not JSON`);
    }
    if (!res.ok) {
      const error = (json as { error?: unknown; error_description?: unknown }) ?? {};
      throw new OidcError(
        'provider_error',
        `${url} answered ${res.status}: ${String(error.error ?? '')} ${String(error.error_description ?? '')}`.trim(),
      );
    }
    return json;
  }
}
