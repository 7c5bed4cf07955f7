import { z } from 'zod';
import { ZCalendarDate, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZProduct, ZSku } from './catalog.js';
import { ZRegistration, ZRegistrationView } from './get-a-key.js';
import { ZIssuedLicense } from './licenses.js';

/** `POST /admin/upgrade-campaigns` (SPEC §13): upgrade the held versions to a new one. */
export const ZUpgradeCampaignCreate = z.object({
  fromSkus: z.array(ZSku).min(1, 'name at least one product to upgrade from').max(50).describe('the held products (versions) that are upgraded'),
  toSku: ZSku.describe('the product version they are upgraded to'),
  tradeIn: z.boolean().optional().describe('true: the old licenses are revoked as they are upgraded; default: upgrade rights, the old licenses stay valid'),
});
export type TUpgradeCampaignCreate = z.infer<typeof ZUpgradeCampaignCreate>;

export const ZCampaignNotification = z.object({
  accountId: z.string(),
  accountName: z.string(),
  notificationId: z.string().describe('N… sent to the account'),
  issuedAt: ZTimestamp,
  issuedNow: z.boolean().describe('false when an earlier run of the campaign issued it'),
});

/** The campaign after a run: every account notified so far (a rerun never issues a second ID). */
export const ZUpgradeCampaignRun = z.object({
  id: z.string(),
  fromSkus: z.array(z.string()),
  toSku: z.string(),
  tradeIn: z.boolean(),
  publishedOn: ZCalendarDate.describe('the day of the first run'),
  lastRunOn: ZCalendarDate.describe('maintenance is looked at on the day of each run'),
  notifications: z.array(ZCampaignNotification),
});
export type TUpgradeCampaignRun = z.infer<typeof ZUpgradeCampaignRun>;

const ZProductRef = z.object({ sku: z.string(), name: z.string(), version: z.string() });

export const ZUpgradeCampaign = z.object({
  id: z.string(),
  fromProducts: z.array(ZProductRef),
  toProduct: ZProductRef,
  tradeIn: z.boolean(),
  publishedOn: ZCalendarDate,
  lastRunOn: ZCalendarDate,
  notifications: z.number().int().describe('accounts notified'),
  eligibleUnits: z.number().int(),
  upgradedUnits: z.number().int(),
  createdAt: ZTimestamp,
});
export type TUpgradeCampaign = z.infer<typeof ZUpgradeCampaign>;
export const ZUpgradeCampaignList = page(ZUpgradeCampaign);

export const ZCampaignParams = z.object({ campaignId: ZIdParam });
export const ZCampaignNotificationList = page(
  ZCampaignNotification.omit({ issuedNow: true }).extend({ eligibleUnits: z.number().int(), upgradedUnits: z.number().int() }),
);
export const ZCampaignNotificationListQuery = ZPageQuery;

/** Typed as the user typed it: the portal normalizes it and checks the Damm digit before any lookup. */
const ZTypedNotificationId = z.string().max(100).describe('the N… notification ID from the upgrade notification');

export const ZUpgradeLookup = z.object({ notificationId: ZTypedNotificationId });

/** Per held product: what the notification allows and what is left of it. */
export const ZEligibleProduct = z.object({
  product: ZProduct.describe('the held product being upgraded'),
  eligible: z.number().int().describe('units held with active maintenance'),
  upgraded: z.number().int().describe('units already upgraded under this campaign'),
  remaining: z.number().int().describe('units that can still be upgraded'),
});
export type TEligibleProduct = z.infer<typeof ZEligibleProduct>;

/** An upgrade notification of the account, and what it allows. */
export const ZUpgradeNotice = z.object({
  notificationId: z.string(),
  campaignId: z.string(),
  toProduct: ZProduct,
  tradeIn: z.boolean().describe('true: upgraded licenses are revoked; false: they stay valid'),
  publishedOn: ZCalendarDate,
  issuedAt: ZTimestamp,
  items: z.array(ZEligibleProduct).describe('per held product: eligible, upgraded and remaining units'),
});
export type TUpgradeNotice = z.infer<typeof ZUpgradeNotice>;

/** SPEC §6 steps 3–5: the products and quantities the notification allows, and the registration to start from. */
export const ZUpgradeOffer = ZUpgradeNotice.extend({
  registration: ZRegistrationView.nullable().describe('the registration of the held licenses, or else the account’s last one'),
});
export type TUpgradeOffer = z.infer<typeof ZUpgradeOffer>;

/** "I do not have a notification ID": the account's notifications with units left to upgrade. */
export const ZPendingUpgradeList = page(ZUpgradeNotice);
export const ZPendingUpgradeQuery = ZPageQuery;

export const ZUpgradeItem = z.object({
  productSku: ZSku.describe('the held product being upgraded'),
  quantity: z.number().int().min(1).max(1_000_000),
});

/** SPEC §6 steps 4–7: upgrade these quantities, with this support registration. */
export const ZUpgradeRequest = z.object({
  notificationId: ZTypedNotificationId,
  items: z.array(ZUpgradeItem).min(1, 'choose at least one product to upgrade').max(50),
  registration: ZRegistration,
});
export type TUpgradeRequest = z.infer<typeof ZUpgradeRequest>;

export const ZUpgradeResult = z.object({
  licenses: z.array(ZIssuedLicense).describe('the new licenses; `replacesLicenseId` names the license each upgrades'),
  keptLicenses: z.array(ZIssuedLicense).describe('trade-in of part of a license: the units that stay on the old version'),
  revokedLicenseIds: z.array(z.string()).describe('trade-in: the old licenses revoked'),
  deliveredTo: z.string().describe('where the keys and files were e-mailed'),
});
export type TUpgradeResult = z.infer<typeof ZUpgradeResult>;
