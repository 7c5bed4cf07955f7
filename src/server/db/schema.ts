import type { AccountsTables } from '../modules/accounts/accounts.table.js';
import type { CatalogTables } from '../modules/catalog/catalog.table.js';
import type { ContractsTables } from '../modules/contracts/contracts.table.js';
import type { LicensesTables } from '../modules/licenses/licenses.table.js';
import type { LicenseManagementTables } from '../modules/license-management/license-management.table.js';
import type { OrdersTables } from '../modules/orders/orders.table.js';
import type { SigningTables } from '../modules/signing/signing.table.js';
import type { AuditTables } from '../modules/audit/audit.table.js';
import type { AuthTables } from '../modules/auth/auth.table.js';
import type { IdempotencyTables } from '../modules/idempotency/idempotency.table.js';
import type { JobsTables } from '../modules/jobs/jobs.table.js';
import type { OutboxTables } from '../modules/outbox/outbox.table.js';
import type { RateLimitsTables } from '../modules/rate-limits/rate-limits.table.js';
import type { DownloadsTables } from '../modules/downloads/downloads.table.js';
import type { ActivationTables } from '../modules/activation/activation.table.js';
import type { TwoFactorTables } from '../modules/two-factor/two-factor.table.js';
import type { SsoTables } from '../modules/sso/sso.table.js';
import type { FlexTables } from '../modules/flex/flex.table.js';
import type { VouchersTables } from '../modules/vouchers/vouchers.table.js';
import type { RemindersTables } from '../modules/reminders/reminders.table.js';
import type { AlertsTables } from '../modules/alerts/alerts.table.js';
import type { WebhooksTables } from '../modules/webhooks/webhooks.table.js';
import type { UpgradesTables } from '../modules/upgrades/upgrades.table.js';

/** Every table, as Kysely sees it; each module declares its own in `<module>.table.ts`. */
export interface Database extends AccountsTables,
    AuthTables,
    AuditTables,
    OutboxTables,
    JobsTables,
    RateLimitsTables,
    IdempotencyTables,
    CatalogTables,
    OrdersTables,
    ContractsTables,
    LicensesTables,
    LicenseManagementTables,
    SigningTables,
    DownloadsTables,
    ActivationTables,
    TwoFactorTables,
    SsoTables,
    RemindersTables,
    AlertsTables,
    WebhooksTables,
    FlexTables,
    VouchersTables,
    UpgradesTables {}
