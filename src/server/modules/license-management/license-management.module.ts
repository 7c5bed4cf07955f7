import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { CustomFieldsService } from './custom-fields.service.js';
import { CustomValuesImport } from './custom-values-import.service.js';
import { CustomValuesService } from './custom-values.service.js';
import { LicenseAccess } from './license-access.js';
import { LicenseExportService } from './license-export.service.js';
import { LicenseHistoryService } from './license-history.service.js';
import { LicenseListService } from './license-list.service.js';
import { LicenseViewsService } from './license-views.service.js';
import { LicenseSharesService } from './shares.service.js';

export interface LicenseManagementDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  publicUrl: string;
}

/** Manage My Licenses' services, built together because they share `access` (who may use which license). */
export function createLicenseManagement(deps: LicenseManagementDeps) {
  const { store, clock, audit } = deps;
  const access = new LicenseAccess(store);
  const list = new LicenseListService({ store, clock });
  const customValues = new CustomValuesService({ store, clock, audit, access });
  return {
    access,
    list,
    exporter: new LicenseExportService({ list, store }),
    history: new LicenseHistoryService({ store, access }),
    customFields: new CustomFieldsService({ store, clock, audit }),
    customValues,
    customValuesImport: new CustomValuesImport({ store, values: customValues }),
    shares: new LicenseSharesService({ store, clock, audit, outbox: deps.outbox, publicUrl: deps.publicUrl }),
    views: new LicenseViewsService({ store, clock, audit }),
  };
}

export type LicenseManagement = ReturnType<typeof createLicenseManagement>;
