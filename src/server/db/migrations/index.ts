import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as catalogOrdersLicenses from './0100_catalog_orders_licenses.js';
import * as certificateMail from './0101_certificate_mail.js';
import * as licenseManagement from './0200_license_management.js';
import * as licenseStatusIndex from './0201_license_status_index.js';
import * as licenseExportIndexes from './0202_license_export_indexes.js';
import * as maintenanceReminders from './0300_maintenance_reminders.js';
import * as alerts from './0310_alerts.js';
import * as webhooks from './0320_webhooks.js';
import * as calendarFeeds from './0330_calendar_feeds.js';
import * as unplannedContracts from './0340_unplanned_contracts.js';
import * as upgradeCampaigns from './0400_upgrade_campaigns.js';
import * as flexContracts from './0500_flex_contracts.js';
import * as vouchers from './0510_vouchers.js';
import * as downloads from './0600_downloads.js';
import * as activations from './0610_activations.js';
import * as validationIndex from './0620_validation_index.js';
import * as enterpriseSignIn from './0700_enterprise_sign_in.js';
import * as reminderPlans from './0710_reminder_plans.js';

/**
 * Every migration, in order. Names sort in the order they run; capability modules take a
 * number range of their own (0100 Get a Key, 0200 licenses, 0300 contracts, …).
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0100_catalog_orders_licenses': catalogOrdersLicenses,
  '0101_certificate_mail': certificateMail,
  '0200_license_management': licenseManagement,
  '0201_license_status_index': licenseStatusIndex,
  '0202_license_export_indexes': licenseExportIndexes,
  '0300_maintenance_reminders': maintenanceReminders,
  '0310_alerts': alerts,
  '0320_webhooks': webhooks,
  '0330_calendar_feeds': calendarFeeds,
  '0340_unplanned_contracts': unplannedContracts,
  '0400_upgrade_campaigns': upgradeCampaigns,
  '0500_flex_contracts': flexContracts,
  '0510_vouchers': vouchers,
  '0600_downloads': downloads,
  '0610_activations': activations,
  '0620_validation_index': validationIndex,
  '0700_enterprise_sign_in': enterpriseSignIn,
  '0710_reminder_plans': reminderPlans,
};
