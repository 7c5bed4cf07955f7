import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, fieldError, notFound, validationFailed } from '../../http/app-error.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { TUpgradeNotice, TUpgradeOffer, TUpgradeRequest, TUpgradeResult } from '../../../contracts/upgrades.js';
import { parseNotificationId } from '../../../domain/identifiers/index.js';
import { allocateUpgrade, remainingEligible, reviewUpgradeItems, type ItemFault } from '../../../domain/upgrades/index.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { registrationRow, toRegistrationView } from '../get-a-key/registration.js';
import type { LicenseDelivery } from '../licenses/license-delivery.js';
import { licensesRepository } from '../licenses/licenses.repository.js';
import { registrationsRepository } from '../licenses/registrations.repository.js';
import { campaignsRepository } from './campaigns.repository.js';
import type { LicenseUpgrader } from './license-upgrader.js';
import { upgradeNotices } from './upgrade-notices.js';
import { upgradeSources } from './upgrade-sources.js';
import { upgradesRepository, type NotificationRow } from './upgrades.repository.js';

/**
 * Version Upgrade, the customer's side (SPEC §6): look a notification ID up, choose products and
 * quantities, confirm the support registration and receive keys for the new version. A guessed
 * notification ID reveals nothing: another account's answers 404 exactly as an unknown one.
 */
export class UpgradesService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; upgrader: LicenseUpgrader; delivery: LicenseDelivery }) {}

  /** Steps 3–5: what the notification allows, and the registration to start step 6 from. */
  async lookup(ctx: RequestContext, accountId: string, typedId: string): Promise<TUpgradeOffer> {
    authorize(ctx.actor, 'account.read', accountId);
    const notificationId = readNotificationId(typedId);
    const { db } = this.deps.store;
    const row = await upgradesRepository.findNotification(db, accountId, notificationId);
    if (!row) throw notFound('notification ID');
    const [notice] = await upgradeNotices(db, accountId, [row]);
    // The registration given at the last upgrade under this notification, or else the held licenses' own.
    const registrationId =
      (await upgradesRepository.lastUpgradeRegistrationId(db, row.id)) ??
      (await upgradesRepository.registrationIdOfProducts(db, accountId, (await campaignsRepository.rightsOf(db, [row.id])).map((r) => r.product_id)));
    const registration = (registrationId ? await registrationsRepository.findRegistration(db, accountId, registrationId) : undefined) ?? (await registrationsRepository.lastRegistration(db, accountId));
    return { ...notice!, registration: registration ? toRegistrationView(registration) : null };
  }

  /** "I do not have a notification ID": the account's notifications with units left to upgrade. */
  async pending(ctx: RequestContext, accountId: string, opts: { cursor?: string | undefined; limit: number }): Promise<{ items: TUpgradeNotice[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const rows = await upgradesRepository.pendingNotifications(db, accountId, { before: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.id);
    return { items: await upgradeNotices(db, accountId, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Steps 6–7: takes the units from the notification's rights (one conditional statement each, so
   * concurrent requests never upgrade more than eligible), records the registration, issues the
   * new licenses and e-mails their keys and files to the technical contact. All or nothing.
   */
  async upgrade(ctx: RequestContext, accountId: string, input: TUpgradeRequest): Promise<TUpgradeResult> {
    const access = authorize(ctx.actor, 'account.operate', accountId);
    const notificationId = readNotificationId(input.notificationId);
    return this.deps.store.transaction(async (tx) => {
      const notification = await upgradesRepository.findNotification(tx, accountId, notificationId);
      if (!notification) throw notFound('notification ID');
      const rights = await campaignsRepository.rightsOf(tx, [notification.id]);
      const bySku = new Map(rights.map((r) => [r.sku, r]));
      const faults = reviewUpgradeItems(input.items, new Map(rights.map((r) => [r.sku, remainingEligible(r.eligible, r.upgraded)])));
      if (faults.length > 0) throw itemsError(faults, input);

      const now = this.deps.clock.now();
      // Rights are claimed in one order, so two requests naming the same products cannot deadlock.
      const claims = input.items.map((item, index) => ({ item, index, right: bySku.get(item.productSku)! })).sort((a, b) => a.right.id.localeCompare(b.right.id));
      for (const { item, index, right } of claims) {
        if (await upgradesRepository.claimUnits(tx, right.id, item.quantity, now.toISOString())) continue;
        const [fresh] = (await campaignsRepository.rightsOf(tx, [notification.id])).filter((r) => r.id === right.id);
        throw itemsError([{ index, field: 'quantity', kind: 'exceeds_eligible', remaining: remainingEligible(fresh!.eligible, fresh!.upgraded) }], input);
      }

      const registration = registrationRow(accountId, input.registration, now);
      await registrationsRepository.insertRegistration(tx, registration);
      const issued = { licenses: [] as TIssuedLicense[], keptLicenses: [] as TIssuedLicense[], revokedLicenseIds: [] as string[] };
      const toProduct = (await upgradesRepository.productsByIds(tx, [notification.to_product_id]))[0]!;
      for (const [index, item] of input.items.entries()) {
        const right = bySku.get(item.productSku)!;
        const sources = await upgradeSources(tx, accountId, notification, { id: right.product_id, sku: right.sku });
        const allocation = allocateUpgrade(sources, item.quantity);
        // The licenses drawn on may have been revoked since the campaign: fewer units are left to upgrade.
        if (!allocation.ok) throw itemsError([{ index, field: 'quantity', kind: 'exceeds_eligible', remaining: allocation.available }], input);
        for (const part of allocation.parts) {
          const old = (await licensesRepository.findLicense(tx, accountId, part.licenseId))!;
          const maintenanceEndsAt = sources.find((s) => s.licenseId === part.licenseId)!.maintenanceEndsAt;
          const done = await this.deps.upgrader.upgrade(tx, ctx, { accountId, partnerAccountId: access.partnerAccountId, notification, toProduct, old, quantity: part.quantity, keeps: part.keeps, registrationId: registration.id, maintenanceEndsAt });
          issued.licenses.push(done.license);
          if (done.kept) issued.keptLicenses.push(done.kept);
          if (done.revoked) issued.revokedLicenseIds.push(old.id);
        }
      }
      await this.record(tx, ctx, notification, input, registration.id, access.partnerAccountId, issued.licenses);
      const contact = input.registration.technicalContact;
      for (const license of [...issued.licenses, ...issued.keptLicenses]) await this.deps.delivery.deliver(tx, ctx, license, contact, access.partnerAccountId);
      return { ...issued, deliveredTo: contact.email };
    });
  }

  private async record(tx: Db, ctx: RequestContext, n: NotificationRow, input: TUpgradeRequest, registrationId: string, partnerAccountId: string | null, licenses: TIssuedLicense[]) {
    await this.deps.audit.record(tx, ctx, {
      action: 'upgrade.completed',
      accountId: n.account_id,
      partnerAccountId,
      targetType: 'upgrade_notification',
      targetId: n.id,
      data: { notificationId: n.notification_id, items: input.items, registrationId, organization: input.registration.customerContact.organization, licenseIds: licenses.map((l) => l.id) },
    });
  }
}

/** A typo is told as a typo, before anything is looked up. */
function readNotificationId(typed: string): string {
  const parsed = parseNotificationId(typed, { field: 'notificationId' });
  if (!parsed.ok) throw fieldError(parsed.field, parsed.message.slice(parsed.field.length + 2));
  return parsed.value;
}

/** Faults of the items: a product fault is bad input (400); too many units breaks the rule (422). */
function itemsError(faults: ItemFault[], input: TUpgradeRequest): AppError {
  const products = faults.filter((f) => f.field === 'productSku');
  if (products.length > 0) {
    return validationFailed(
      products.map((f) => ({ field: `items.${f.index}.productSku`, message: f.kind === 'repeated' ? 'is named twice: give each product once with its whole quantity' : 'is not a product this notification upgrades' })),
    );
  }
  const details = faults.map((f) => {
    const item = input.items[f.index]!;
    const left = f.kind === 'exceeds_eligible' ? f.remaining : 0;
    return { field: `items.${f.index}.quantity`, message: `${item.quantity} of ${item.productSku} asked; at most ${left} can be upgraded under this notification` };
  });
  return new AppError('quantity_exceeds_eligible', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}
