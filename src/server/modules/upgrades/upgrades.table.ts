/** An upgrade campaign (SPEC §6): from product versions to one product version. */
export interface UpgradeCampaignsTable {
  id: string;
  /** `<to product id>:<sorted from product ids>`; the same campaign run again finds its row. */
  campaign_key: string;
  to_product_id: string;
  /** 1: the old licenses are revoked as they are upgraded; 0: upgrade rights, they stay valid. */
  trade_in: number;
  /** Calendar dates: the first run, and the latest (each run looks at maintenance on its day). */
  published_on: string;
  last_run_on: string;
  created_at: string;
}

export interface UpgradeCampaignProductsTable {
  campaign_id: string;
  product_id: string;
  to_product_id: string;
}

/** One per account and campaign: the `N…` notification ID the account was sent. */
export interface UpgradeNotificationsTable {
  id: string;
  notification_id: string;
  campaign_id: string;
  account_id: string;
  created_at: string;
}

/** Per notification and held product: the units the account may upgrade, and those it has. */
export interface UpgradeRightsTable {
  id: string;
  upgrade_notification_id: string;
  campaign_id: string;
  account_id: string;
  product_id: string;
  eligible: number;
  upgraded: number;
  updated_at: string;
}

/** One upgrade of units of one held license: the link from the old license to the new one. */
export interface LicenseUpgradesTable {
  id: string;
  campaign_id: string;
  upgrade_notification_id: string;
  account_id: string;
  product_id: string;
  from_license_id: string;
  to_license_id: string;
  remainder_license_id: string | null;
  quantity: number;
  trade_in: number;
  registration_id: string;
  at: string;
}

export interface UpgradesTables {
  upgrade_campaigns: UpgradeCampaignsTable;
  upgrade_campaign_products: UpgradeCampaignProductsTable;
  upgrade_notifications: UpgradeNotificationsTable;
  upgrade_rights: UpgradeRightsTable;
  license_upgrades: LicenseUpgradesTable;
}
