import type { Config } from './config.js';
import { createDatabase, type DatabaseHandle } from './db/database.js';
import { createStore, type Store } from './db/store.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createSmtpMailer, senderAddress, type Mailer } from './platform/mailer.js';
import { AccountsService } from './modules/accounts/accounts.service.js';
import { DelegationsService } from './modules/accounts/delegations.service.js';
import { MeService } from './modules/accounts/me.service.js';
import { AuditLog } from './modules/audit/audit.service.js';
import { ApiTokensService } from './modules/auth/api-tokens.service.js';
import { CredentialsService } from './modules/auth/credentials.service.js';
import { PasswordHasher } from './modules/auth/passwords.js';
import { SessionService } from './modules/auth/session.service.js';
import { JobQueue } from './modules/jobs/jobs.service.js';
import { Outbox } from './modules/outbox/outbox.service.js';
import { databaseCounterStore, RateLimiter, redisCounterStore } from './modules/rate-limits/rate-limiter.js';
import { housekeeping } from './jobs/housekeeping.js';
import { FlexContractsService } from './modules/flex/flex-contracts.service.js';
import { DrawDownsService } from './modules/flex/draw-downs.service.js';
import { EndCustomers } from './modules/vouchers/end-customers.js';
import { RedemptionService } from './modules/vouchers/redemption.service.js';
import { VoucherBatchesService } from './modules/vouchers/voucher-batches.service.js';
import { VouchersService } from './modules/vouchers/vouchers.service.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import { CertificatesService } from './modules/orders/certificates.service.js';
import { OrdersService } from './modules/orders/orders.service.js';
import { OrderImportService } from './modules/orders/order-import.service.js';
import { SigningKeys } from './modules/signing/signing-keys.service.js';
import { LicenseIssuer } from './modules/licenses/license-issuer.service.js';
import { LicenseDelivery } from './modules/licenses/license-delivery.js';
import { LicensesService } from './modules/licenses/licenses.service.js';
import { GetAKeyService } from './modules/get-a-key/get-a-key.service.js';
import { RehostService } from './modules/get-a-key/rehost.service.js';
import { groupCommit } from './db/group-commit.js';
import { secretSealer } from './platform/sealed-secret.js';
import { SecondFactorGate } from './modules/two-factor/second-factor-gate.js';
import { SignInPolicyService } from './modules/two-factor/sign-in-policy.service.js';
import { TwoFactorService } from './modules/two-factor/two-factor.service.js';
import { SecurityService } from './modules/security-log/security.service.js';
import { dnsTxtLookup } from './modules/sso/domain-verification.js';
import { OidcClient } from './modules/sso/oidc-client.js';
import { SsoConfigService } from './modules/sso/sso-config.service.js';
import { SsoSignInService } from './modules/sso/sso-sign-in.service.js';
import { signInLeftovers } from './modules/two-factor/sign-in-leftovers.js';
import { createBlobStore } from './platform/create-blob-store.js';
import { DownloadLinkSigner } from './modules/downloads/download-link.js';
import { DownloadsService } from './modules/downloads/downloads.service.js';
import { ReleasesService } from './modules/downloads/releases.service.js';
import { createLicenseManagement } from './modules/license-management/license-management.module.js';
import { ActivationService } from './modules/activation/activation.service.js';
import { KeyGuessGuard } from './modules/activation/key-guess-guard.js';
import { ValidationService } from './modules/activation/validation.service.js';
import { createMaintenance } from './modules/contracts/maintenance.module.js';
import { createUpgrades } from './modules/upgrades/upgrades.module.js';
import { WEBHOOK_JOB } from './modules/webhooks/webhook-deliveries.service.js';

export interface ContainerOptions {
  clock?: Clock;
  /** Tests pass a mailer for a server they run; otherwise SMTP_URL decides. */
  mailer?: Mailer | null;
  database?: DatabaseHandle;
}

/** The composition root: every service, built once from config with plain constructors. */
export function createContainer(config: Readonly<Config>, options: ContainerOptions = {}) {
  const handle = options.database ?? createDatabase({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous, sqliteCacheMiB: config.sqliteCacheMiB });
  const store: Store = createStore(handle.db, handle.dialect);
  const clock = options.clock ?? systemClock;
  const mailer = options.mailer !== undefined ? options.mailer : config.smtpUrl ? createSmtpMailer(config.smtpUrl) : null;
  const counterStore = config.redisUrl ? redisCounterStore(config.redisUrl) : databaseCounterStore(handle.db);

  const audit = new AuditLog(clock);
  const outbox = new Outbox(handle.db, clock, mailer, senderAddress(config.vendorName, config.publicUrl));
  const jobs = new JobQueue(handle.db, clock);
  const limiter = new RateLimiter(counterStore, clock);
  const passwords = new PasswordHasher(config.passwordHashCost);
  const base = { store, clock, audit };

  const credentials = new CredentialsService({ ...base, outbox, passwords, limiter, publicUrl: config.publicUrl, vendorName: config.vendorName });
  const sessions = new SessionService({ ...base, passwords, limiter });
  const apiTokens = new ApiTokensService(base);
  const accounts = new AccountsService({ ...base, passwords, credentials });
  const delegations = new DelegationsService(base);
  const me = new MeService(store);
  const sealer = secretSealer(config.secret);
  sessions.useGate(new SecondFactorGate({ ...base, limiter, sealer }));
  const twoFactor = new TwoFactorService({ ...base, passwords, limiter, sealer, issuer: `${config.vendorName} Licensing Portal` });
  const signInPolicies = new SignInPolicyService(base);
  const security = new SecurityService(base);
  const oidc = new OidcClient();
  const ssoRedirectUri = `${config.publicUrl}/api/v1/auth/sso/callback`;
  const ssoConfig = new SsoConfigService({ ...base, sealer, oidc, txtLookup: dnsTxtLookup(config.dnsServers), redirectUri: ssoRedirectUri });
  const ssoSignIn = new SsoSignInService({ ...base, limiter, sealer, oidc, sessions, redirectUri: ssoRedirectUri });
  const blobs = createBlobStore(config);
  const releases = new ReleasesService({ ...base, blobs });
  const downloads = new DownloadsService({ store, clock, blobs, links: new DownloadLinkSigner(config.secret), publicUrl: config.publicUrl, linkTtlSeconds: config.downloadLinkTtlSeconds });

  const catalog = new CatalogService(base);
  const signingKeys = new SigningKeys({ ...base, secret: config.secret });
  const certificates = new CertificatesService({ store, clock, outbox, vendorName: config.vendorName, publicUrl: config.publicUrl });
  const orders = new OrdersService({ ...base, delegations, certificates });
  const orderImport = new OrderImportService({ store, clock, delegations, orders });
  const licenseIssuer = new LicenseIssuer({ clock, audit, signingKeys });
  const licenseDelivery = new LicenseDelivery({ clock, audit, outbox, vendorName: config.vendorName, publicUrl: config.publicUrl });
  const licenses = new LicensesService({ store });
  const getAKey = new GetAKeyService({ ...base, limiter, issuer: licenseIssuer, delivery: licenseDelivery, transaction: groupCommit(store) });
  const rehosts = new RehostService({ ...base, issuer: licenseIssuer, delivery: licenseDelivery });
  const flexContracts = new FlexContractsService(base);
  const drawDowns = new DrawDownsService({ ...base, licenses: licenseIssuer });
  const voucherBatches = new VoucherBatchesService({ ...base, vendorName: config.vendorName });
  const vouchers = new VouchersService({ store, clock });
  const endCustomers = new EndCustomers({ clock, audit, accounts, credentials });
  const redemptions = new RedemptionService({ ...base, limiter, issuer: licenseIssuer, delivery: licenseDelivery, endCustomers });
  const licenseManagement = createLicenseManagement({ ...base, outbox, publicUrl: config.publicUrl });
  const keyGuessGuard = new KeyGuessGuard(limiter, clock);
  const activation = new ActivationService({ ...base, signingKeys, guard: keyGuessGuard });
  const validation = new ValidationService({ db: store.db, clock, guard: keyGuessGuard });
  const maintenance = createMaintenance({ ...base, outbox, jobs, limiter, signingKeys, config });
  const upgrades = createUpgrades({ ...base, outbox, issuer: licenseIssuer, delivery: licenseDelivery, config });

  // Before the outbox pass, so certificates of imported orders leave in the same tick.
  jobs.every('certificates', () => certificates.mailPending());
  // Before the outbox pass too, so a reminder's e-mails leave in the tick that records it.
  jobs.every('reminders', (now, options) => maintenance.reminderPass.run(now, options));
  jobs.handle(WEBHOOK_JOB, (payload, { now }) => maintenance.webhookDeliveries.deliver(payload, now));
  jobs.every('outbox', (now) => outbox.deliverDue(now));
  jobs.every('housekeeping', housekeeping(store.db));
  jobs.every('sign-in-leftovers', signInLeftovers(store.db));

  return {
    config,
    store,
    clock,
    audit,
    outbox,
    jobs,
    limiter,
    passwords,
    credentials,
    sessions,
    apiTokens,
    accounts,
    delegations,
    me,
    catalog,
    signingKeys,
    certificates,
    orders,
    orderImport,
    licenseIssuer,
    licenseDelivery,
    licenses,
    getAKey,
    rehosts,
    flexContracts,
    drawDowns,
    voucherBatches,
    vouchers,
    redemptions,
    licenseManagement,
    twoFactor,
    signInPolicies,
    security,
    ssoConfig,
    ssoSignIn,
    blobs,
    releases,
    downloads,
    activation,
    validation,
    ...maintenance,
    ...upgrades,
    async close() {
      mailer?.close();
      await blobs.close?.();
      await counterStore.close();
      await handle.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
