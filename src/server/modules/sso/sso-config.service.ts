import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId, newSecret } from '../../platform/ids.js';
import type { SecretSealer } from '../../platform/sealed-secret.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { TIdentityProvider, TSsoDomain } from '../../../contracts/sso.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { signInPolicyRepository } from '../two-factor/sign-in-policy.repository.js';
import {
  normalizeDomain,
  verificationRecordName,
  verificationRecordValue,
  type TxtLookup,
} from './domain-verification.js';
import { checkIssuerUrl, OidcError, type OidcClient } from './oidc-client.js';
import { ssoRepository } from './sso.repository.js';
import type { IdentityProvidersTable, SsoDomainsTable } from './sso.table.js';

export interface SsoConfigDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  sealer: SecretSealer;
  oidc: OidcClient;
  txtLookup: TxtLookup;
  redirectUri: string;
}

/** An account admin's single sign-on settings: the identity provider, and the e-mail domains that route to it. */
export class SsoConfigService {
  constructor(private readonly deps: SsoConfigDeps) {}

  async getProvider(ctx: RequestContext, accountId: string): Promise<TIdentityProvider> {
    authorize(ctx.actor, 'account.manage', accountId);
    const row = await ssoRepository.findProviderOfAccount(this.deps.store.db, accountId);
    if (!row) throw notFound('identity provider');
    return this.toView(row);
  }

  /** Saves the provider after reading its discovery document, so a typo is told now, not at sign-in. */
  async putProvider(
    ctx: RequestContext,
    accountId: string,
    input: {
      issuer: string;
      clientId: string;
      clientSecret?: string | undefined;
      jitRole: IdentityProvidersTable['jit_role'];
    },
  ): Promise<TIdentityProvider> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const { store, clock, sealer } = this.deps;
    const account = await accountsRepository.findAccount(store.db, accountId);
    if (!account) throw notFound('account');
    const issuerProblem = checkIssuerUrl(input.issuer);
    if (issuerProblem) throw fieldError('issuer', issuerProblem);
    // New vendor staff are made by a vendor admin, never by a provider's say-so.
    if (account.kind === 'vendor' && input.jitRole !== null)
      throw fieldError(
        'jitRole',
        'the vendor account takes no just-in-time members: create staff users first',
      );
    if (account.kind !== 'vendor' && input.jitRole === 'support')
      throw fieldError('jitRole', 'support is a vendor role; choose admin, member or viewer');
    try {
      await this.deps.oidc.discover(input.issuer);
    } catch (error) {
      if (error instanceof OidcError) throw fieldError('issuer', error.message);
      throw error;
    }
    return store.transaction(async (tx) => {
      const existing = await ssoRepository.findProviderOfAccount(tx, accountId);
      if (!existing && !input.clientSecret) throw fieldError('clientSecret', 'the client secret is required');
      const now = clock.now().toISOString();
      const row: IdentityProvidersTable = {
        id: existing?.id ?? newId('idp', clock.now()),
        account_id: accountId,
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_sealed: input.clientSecret
          ? sealer.seal('oidc-client-secret', input.clientSecret)
          : existing!.client_secret_sealed,
        jit_role: input.jitRole,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      await ssoRepository.upsertProvider(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: existing ? 'sso.provider_changed' : 'sso.provider_configured',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'identity_provider',
        targetId: row.id,
        data: {
          issuer: row.issuer,
          clientId: row.client_id,
          jitRole: row.jit_role,
          clientSecretChanged: Boolean(input.clientSecret),
        },
      });
      return this.toView(row);
    });
  }

  async deleteProvider(ctx: RequestContext, accountId: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    await this.deps.store.transaction(async (tx) => {
      const policy = await signInPolicyRepository.findPolicy(tx, accountId);
      if (policy?.sso_required === 1)
        throw new AppError(
          'conflict',
          'single sign-on is required for this account: stop requiring it first',
        );
      if (!(await ssoRepository.deleteProvider(tx, accountId))) throw notFound('identity provider');
      await this.deps.audit.record(tx, ctx, {
        action: 'sso.provider_removed',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'account',
        targetId: accountId,
      });
    });
  }

  async listDomains(ctx: RequestContext, accountId: string) {
    authorize(ctx.actor, 'account.manage', accountId);
    const rows = await ssoRepository.listDomains(this.deps.store.db, accountId);
    return { items: rows.map(toDomainView), nextCursor: null };
  }

  /** Claims a domain; it routes sign-in only once the TXT record proves it (`verifyDomain`). */
  async claimDomain(ctx: RequestContext, accountId: string, typed: string): Promise<TSsoDomain> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const domain = normalizeDomain(typed);
    if (!domain) throw fieldError('domain', 'must be a domain name, e.g. acme.com');
    return this.deps.store.transaction(async (tx) => {
      const row: SsoDomainsTable = {
        domain,
        account_id: accountId,
        verification_token: newSecret(),
        created_at: this.deps.clock.now().toISOString(),
        verified_at: null,
      };
      if (!(await ssoRepository.claimDomain(tx, row))) {
        const holder = await ssoRepository.findDomain(tx, domain);
        if (holder?.account_id === accountId) return toDomainView(holder);
        throw new AppError(
          'conflict',
          `${domain} is claimed by another account; if it is yours, ask the vendor's support`,
        );
      }
      await this.deps.audit.record(tx, ctx, {
        action: 'sso.domain_claimed',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'sso_domain',
        targetId: domain,
      });
      return toDomainView(row);
    });
  }

  async verifyDomain(ctx: RequestContext, accountId: string, typed: string): Promise<TSsoDomain> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const domain = normalizeDomain(typed) ?? '';
    const row = await ssoRepository.findDomain(this.deps.store.db, domain);
    if (!row || row.account_id !== accountId) throw notFound('domain');
    if (row.verified_at) return toDomainView(row);
    const records = await this.deps.txtLookup(verificationRecordName(domain)).catch((error: Error) => {
      throw new AppError(
        'conflict',
        `the DNS of ${domain} could not be read (${error.message}); try again in a few minutes`,
      );
    });
    if (!records.includes(verificationRecordValue(row.verification_token))) {
      throw new AppError(
        'conflict',
        `no TXT record ${verificationRecordName(domain)} with the value ${verificationRecordValue(row.verification_token)} yet; DNS changes can take a while to show`,
      );
    }
    return this.markVerified(ctx, accountId, domain, access.partnerAccountId, 'dns');
  }

  /** Vendor staff, having checked ownership another way (e.g. a customer without DNS access). */
  async verifyDomainByVendor(ctx: RequestContext, typed: string): Promise<TSsoDomain> {
    authorize(ctx.actor, 'vendor.write');
    const row = await ssoRepository.findDomain(this.deps.store.db, normalizeDomain(typed) ?? '');
    if (!row) throw notFound('domain');
    return this.markVerified(ctx, row.account_id, row.domain, null, 'vendor');
  }

  async removeDomain(ctx: RequestContext, accountId: string, typed: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const domain = normalizeDomain(typed) ?? '';
    await this.deps.store.transaction(async (tx) => {
      if (!(await ssoRepository.deleteDomain(tx, accountId, domain))) throw notFound('domain');
      await this.deps.audit.record(tx, ctx, {
        action: 'sso.domain_removed',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'sso_domain',
        targetId: domain,
      });
    });
  }

  private markVerified(
    ctx: RequestContext,
    accountId: string,
    domain: string,
    partnerAccountId: string | null,
    by: 'dns' | 'vendor',
  ): Promise<TSsoDomain> {
    return this.deps.store.transaction(async (tx) => {
      await ssoRepository.markDomainVerified(tx, accountId, domain, this.deps.clock.now().toISOString());
      await this.deps.audit.record(tx, ctx, {
        action: 'sso.domain_verified',
        accountId,
        partnerAccountId,
        targetType: 'sso_domain',
        targetId: domain,
        data: { by },
      });
      return toDomainView((await ssoRepository.findDomain(tx, domain))!);
    });
  }

  private toView(row: IdentityProvidersTable): TIdentityProvider {
    return {
      accountId: row.account_id,
      issuer: row.issuer,
      clientId: row.client_id,
      hasClientSecret: true,
      jitRole: row.jit_role,
      redirectUri: this.deps.redirectUri,
      updatedAt: row.updated_at,
    };
  }
}

function toDomainView(row: SsoDomainsTable): TSsoDomain {
  return {
    domain: row.domain,
    verified: row.verified_at !== null,
    verifiedAt: row.verified_at,
    dnsRecord: {
      type: 'TXT',
      name: verificationRecordName(row.domain),
      value: verificationRecordValue(row.verification_token),
    },
  };
}
