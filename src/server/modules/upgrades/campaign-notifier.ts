import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { generateNotificationId } from '../../../domain/identifiers/index.js';
import { eligibleOnRun, heldWithMaintenance, isEligibleOn } from '../../../domain/upgrades/index.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { recipientsRepository } from '../reminders/recipients.repository.js';
import { campaignsRepository } from './campaigns.repository.js';
import { toHeldLicenses } from './held-licenses.js';
import { notificationMail } from './notification-mail.js';
import type { UpgradeCampaignsTable, UpgradeNotificationsTable } from './upgrades.table.js';

/** A campaign as one run sees it: its products, and the day maintenance is looked at. */
export interface CampaignRun {
  campaign: UpgradeCampaignsTable;
  fromProducts: ProductsTable[];
  toProduct: ProductsTable;
  day: string;
}

export interface Notified {
  notification: UpgradeNotificationsTable;
  issuedNow: boolean;
}

/** Drawing a notification ID that another account holds already is rare; a few draws always find a free one. */
const ID_DRAWS = 10;

/**
 * Notifies one account of a campaign, in a transaction of its own, so that a campaign over many
 * accounts commits as it goes and a rerun continues where a failed one stopped.
 */
export class CampaignNotifier {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; outbox: Outbox; vendorName: string; publicUrl: string }) {}

  /** The account's notification (issued now or by an earlier run); null when it holds nothing eligible. */
  notify(ctx: RequestContext, run: CampaignRun, accountId: string): Promise<Notified | null> {
    return this.deps.store.transaction(async (tx) => {
      const productIds = run.fromProducts.map((p) => p.id);
      const existing = await campaignsRepository.findNotificationOf(tx, run.campaign.id, accountId);
      // Rights are read before the licenses: an upgrade committing in between can then only make
      // this run grant less, never more (a trade-in revokes the licenses it upgrades).
      const rights = existing ? await campaignsRepository.rightsOf(tx, [existing.id]) : [];
      const [rows, terms] = await Promise.all([campaignsRepository.heldLicenses(tx, accountId, productIds), campaignsRepository.maintenanceTerms(tx, accountId, productIds)]);
      const licenses = toHeldLicenses(rows, terms);
      const units = heldWithMaintenance(licenses, run.fromProducts.map((p) => p.sku), run.day);
      if (units.size === 0) return existing ? { notification: existing, issuedNow: false } : null;

      const notified = existing ? { notification: existing, issuedNow: false } : await this.issue(tx, run, accountId);
      const now = this.deps.clock.now().toISOString();
      const granted: { product: ProductsTable; units: number }[] = [];
      let raised = false;
      for (const product of run.fromProducts) {
        const held = units.get(product.sku);
        if (held === undefined) continue;
        const right = rights.find((r) => r.product_id === product.id);
        const eligible = eligibleOnRun(held, right?.upgraded ?? 0, right?.eligible ?? 0, run.campaign.trade_in === 1);
        granted.push({ product, units: eligible });
        if (right?.eligible === eligible) continue;
        raised = true;
        await campaignsRepository.grantRight(tx, {
          id: newId('upgradeRight'),
          upgrade_notification_id: notified.notification.id,
          campaign_id: run.campaign.id,
          account_id: accountId,
          product_id: product.id,
          eligible,
          upgraded: 0,
          updated_at: now,
        });
      }
      if (!raised) return notified;
      await this.deps.audit.record(tx, ctx, {
        action: notified.issuedNow ? 'upgrade.notified' : 'upgrade.eligibility_raised',
        accountId,
        targetType: 'upgrade_notification',
        targetId: notified.notification.id,
        data: { notificationId: notified.notification.notification_id, campaignId: run.campaign.id, toSku: run.toProduct.sku, units: Object.fromEntries(granted.map((g) => [g.product.sku, g.units])) },
      });
      if (notified.issuedNow) {
        const registrationIds = [...new Set(rows.filter((r, i) => r.registration_id && isEligibleOn(licenses[i]!, new Set(units.keys()), run.day)).map((r) => r.registration_id!))];
        await this.mail(tx, run, accountId, notified.notification.notification_id, granted, registrationIds);
      }
      return notified;
    });
  }

  /** A new notification ID for the account; the one a concurrent run issued first when there is one. */
  private async issue(tx: Db, run: CampaignRun, accountId: string): Promise<Notified> {
    for (let draw = 0; draw < ID_DRAWS; draw++) {
      const row: UpgradeNotificationsTable = {
        id: newId('upgradeNotification', this.deps.clock.now()),
        notification_id: generateNotificationId(),
        campaign_id: run.campaign.id,
        account_id: accountId,
        created_at: this.deps.clock.now().toISOString(),
      };
      if (await campaignsRepository.insertNotification(tx, row)) return { notification: row, issuedNow: true };
      const first = await campaignsRepository.findNotificationOf(tx, run.campaign.id, accountId);
      if (first) return { notification: first, issuedNow: false };
    }
    throw new Error(`no free notification ID after ${ID_DRAWS} draws`);
  }

  /** To the technical contacts of the eligible licenses (or the account's admins), and the delegated partner. */
  private async mail(tx: Db, run: CampaignRun, accountId: string, notificationId: string, items: { product: ProductsTable; units: number }[], registrationIds: string[]) {
    const [account, registrations, partnerAdmins] = await Promise.all([
      accountsRepository.findAccount(tx, accountId),
      recipientsRepository.registrations(tx, registrationIds),
      recipientsRepository.partnerAdminsOf(tx, [accountId]),
    ]);
    let customer = registrations.filter((r) => r.account_id === accountId).map((r) => r.technical_email);
    if (customer.length === 0) customer = (await recipientsRepository.adminsOf(tx, [accountId])).map((a) => a.email);
    const base = { vendorName: this.deps.vendorName, publicUrl: this.deps.publicUrl, accountId, accountName: account?.name ?? accountId, notificationId, toProduct: run.toProduct, tradeIn: run.campaign.trade_in === 1, items };
    const customerSet = unique(customer);
    const sends = [
      ...customerSet.map((to) => ({ to, forPartner: false })),
      ...unique(partnerAdmins.map((p) => p.email)).filter((to) => !customerSet.includes(to)).map((to) => ({ to, forPartner: true })),
    ];
    for (const { to, forPartner } of sends) {
      const { subject, text } = notificationMail({ ...base, forPartner });
      await this.deps.outbox.enqueue(tx, { kind: 'upgrade-notification', accountId, to, subject, text });
    }
  }
}

const unique = (emails: string[]) => [...new Set(emails.map((e) => e.toLowerCase()))];
