import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A small but real OpenID Connect provider for tests, on its own HTTP port: a discovery document,
 * a JWKS, an authorization endpoint with its own sign-in page, and a token endpoint that checks the
 * client's secret and the PKCE verifier and issues RS256-signed ID tokens. `misbehave` makes the
 * next ID token wrong in one way, to prove the portal refuses it.
 */
export interface ProviderUser {
  sub: string;
  email: string;
  password: string;
  name: string;
  emailVerified?: boolean;
}

export interface Misbehaviour {
  audience?: string;
  nonce?: string;
  issuer?: string;
  expiresInSeconds?: number;
  signWithForeignKey?: boolean;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  user: ProviderUser;
}

export class OidcTestProvider {
  issuer = '';
  readonly users = new Map<string, ProviderUser>();
  readonly clients = new Map<string, { secret: string; redirectUris: string[] }>();
  /** What the portal sent to the token endpoint, to check PKCE and client authentication were used. */
  readonly tokenRequests: { authorization: string | undefined; body: URLSearchParams }[] = [];
  misbehave: Misbehaviour | null = null;
  private readonly codes = new Map<string, PendingCode>();
  private server!: Server;
  private signingKey!: CryptoKey;
  private foreignKey!: CryptoKey;
  private publicJwk!: JWK;

  /** `now` is the provider's clock: tests share the portal's, so `iat` and `exp` agree with it. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  static async start(now?: () => Date): Promise<OidcTestProvider> {
    const provider = new OidcTestProvider(now);
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    provider.signingKey = privateKey;
    provider.foreignKey = (await generateKeyPair('RS256')).privateKey;
    provider.publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    provider.server = createServer(
      (req, res) =>
        void provider
          .handle(req, res)
          .catch((error: Error) =>
            send(res, 500, { error: 'server_error', error_description: error.message }),
          ),
    );
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    provider.issuer = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
    return provider;
  }

  addClient(clientId: string, secret: string, redirectUri: string): void {
    this.clients.set(clientId, { secret, redirectUris: [redirectUri] });
  }

  addUser(user: ProviderUser): void {
    this.users.set(user.email, user);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration')
      return send(res, 200, this.discovery());
    if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, { keys: [this.publicJwk] });
    if (req.method === 'GET' && url.pathname === '/authorize')
      return this.authorizePage(url.searchParams, res, null);
    if (req.method === 'POST' && url.pathname === '/authorize')
      return this.authorizeSubmit(new URLSearchParams(await readBody(req)), res);
    if (req.method === 'POST' && url.pathname === '/token')
      return this.token(req, new URLSearchParams(await readBody(req)), res);
    send(res, 404, { error: 'not_found' });
  }

  private discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  /** Checks the request like a provider must before showing its sign-in page. */
  private checkAuthorizeRequest(p: URLSearchParams): string | null {
    const client = this.clients.get(p.get('client_id') ?? '');
    if (!client) return 'unknown client_id';
    if (!client.redirectUris.includes(p.get('redirect_uri') ?? '')) return 'redirect_uri is not registered';
    if (p.get('response_type') !== 'code') return 'response_type must be code';
    if (!(p.get('scope') ?? '').split(' ').includes('openid')) return 'scope must include openid';
    if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge'))
      return 'PKCE with S256 is required';
    if (!p.get('state') || !p.get('nonce')) return 'state and nonce are required';
    return null;
  }

  private authorizePage(p: URLSearchParams, res: ServerResponse, failure: string | null): void {
    const problem = this.checkAuthorizeRequest(p);
    if (problem) return sendHtml(res, 400, `<h1>Bad request</h1><p>${escapeHtml(problem)}</p>`);
    const hidden = [
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'nonce',
      'code_challenge',
      'code_challenge_method',
    ]
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(p.get(name) ?? '')}">`)
      .join('');
    sendHtml(
      res,
      failure ? 401 : 200,
      `<!doctype html><html><head><title>Test Identity Provider</title></head><body>
<h1>Test Identity Provider</h1>${failure ? `<p role="alert">${escapeHtml(failure)}</p>` : ''}
<form method="post" action="/authorize">${hidden}
<label>Work e-mail <input name="username" type="email" value="${escapeHtml(p.get('login_hint') ?? '')}"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Continue</button></form></body></html>`,
    );
  }

  private authorizeSubmit(p: URLSearchParams, res: ServerResponse): void {
    const problem = this.checkAuthorizeRequest(p);
    if (problem) return sendHtml(res, 400, `<p>${escapeHtml(problem)}</p>`);
    const user = this.users.get((p.get('username') ?? '').toLowerCase());
    if (!user || user.password !== p.get('password'))
      return this.authorizePage(p, res, 'Wrong e-mail or password');
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      clientId: p.get('client_id')!,
      redirectUri: p.get('redirect_uri')!,
      codeChallenge: p.get('code_challenge')!,
      nonce: p.get('nonce')!,
      user,
    });
    const back = new URL(p.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { location: back.toString() }).end();
  }

  private async token(req: IncomingMessage, body: URLSearchParams, res: ServerResponse): Promise<void> {
    this.tokenRequests.push({ authorization: req.headers.authorization, body });
    const [clientId, secret] = clientCredentials(req.headers.authorization, body);
    const client = this.clients.get(clientId);
    if (!client || client.secret !== secret) return send(res, 401, { error: 'invalid_client' });
    if (body.get('grant_type') !== 'authorization_code')
      return send(res, 400, { error: 'unsupported_grant_type' });
    const pending = this.codes.get(body.get('code') ?? '');
    this.codes.delete(body.get('code') ?? ''); // a code works once
    if (!pending || pending.clientId !== clientId || pending.redirectUri !== body.get('redirect_uri'))
      return send(res, 400, { error: 'invalid_grant' });
    const verifier = body.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge)
      return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verifier does not match' });

    const bad = this.misbehave ?? {};
    this.misbehave = null;
    const now = Math.floor(this.now().getTime() / 1000);
    const idToken = await new SignJWT({
      nonce: bad.nonce ?? pending.nonce,
      email: pending.user.email,
      email_verified: pending.user.emailVerified ?? true,
      name: pending.user.name,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1', typ: 'JWT' })
      .setIssuer(bad.issuer ?? this.issuer)
      .setSubject(pending.user.sub)
      .setAudience(bad.audience ?? clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + (bad.expiresInSeconds ?? 300))
      .sign(bad.signWithForeignKey ? this.foreignKey : this.signingKey);
    send(res, 200, {
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }
}

function clientCredentials(authorization: string | undefined, body: URLSearchParams): [string, string] {
  const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return [decodeURIComponent(id ?? ''), decodeURIComponent(secret ?? '')];
  }
  return [body.get('client_id') ?? '', body.get('client_secret') ?? ''];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
