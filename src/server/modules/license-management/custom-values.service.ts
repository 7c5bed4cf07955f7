import type { TErrorDetail } from '../../../contracts/errors.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { validationFailed } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { customFieldsRepository } from './custom-fields.repository.js';
import { fieldDefinitionOf } from './custom-fields.service.js';
import { readCustomValue, shownValue, type FieldDefinition, type StoredValue } from './custom-value-rules.js';
import type { LicenseAccess, LicenseReach } from './license-access.js';

export type CustomValueInput = string | number | null;

/** One field of one license set to a value, or cleared (`stored: null`). */
export interface ValueChange {
  field: FieldDefinition;
  stored: StoredValue | null;
}

export interface CustomValuesDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  access: LicenseAccess;
}

/**
 * Custom values against licenses: one license, or a selection at once. Values are checked
 * against the fields of the account that holds the license (a `manage` share lets its
 * recipient edit them); every change is in the license's history.
 */
export class CustomValuesService {
  constructor(private readonly deps: CustomValuesDeps) {}

  async set(ctx: RequestContext, accountId: string, licenseId: string, values: Record<string, CustomValueInput>) {
    const reach = await this.deps.access.reach(ctx.actor, accountId, licenseId, 'operate');
    const { store } = this.deps;
    const fields = await fieldsByName(store.db, reach.ownerAccountId);
    const changes = readValues(fields, values, 'values');
    await store.transaction((tx) => this.apply(tx, ctx, reach, changes, 'edit'));
    return { licenseId, values: await this.valuesOf(store.db, licenseId) };
  }

  /** The same values on every license of a selection; a selection with one refused license changes nothing. */
  async bulkSet(ctx: RequestContext, accountId: string, input: { licenseIds: string[]; values: Record<string, CustomValueInput> }): Promise<{ updated: number }> {
    const ids = [...new Set(input.licenseIds)];
    const { reaches, refused } = await this.deps.access.reachAll(ctx.actor, accountId, ids, 'operate');
    if (refused.length > 0) throw validationFailed(refused.map((r) => ({ field: `licenseIds.${input.licenseIds.indexOf(ids[r.index]!)}`, message: r.message })));
    const { store } = this.deps;
    const changesByOwner = new Map<string, ValueChange[]>();
    for (const owner of new Set(reaches.map((r) => r.ownerAccountId))) {
      changesByOwner.set(owner, readValues(await fieldsByName(store.db, owner), input.values, 'values'));
    }
    await store.transaction(async (tx) => {
      for (const reach of reaches) await this.apply(tx, ctx, reach, changesByOwner.get(reach.ownerAccountId)!, 'bulk edit');
    });
    return { updated: reaches.length };
  }

  /** Writes the changes of one license and its history entry, in the caller's transaction. */
  async apply(tx: Db, ctx: RequestContext, reach: Pick<LicenseReach, 'licenseId' | 'ownerAccountId' | 'access'>, changes: ValueChange[], source: string): Promise<void> {
    if (changes.length === 0) return;
    const now = this.deps.clock.now().toISOString();
    for (const { field, stored } of changes) {
      if (stored) {
        await customFieldsRepository.upsertValue(tx, {
          license_id: reach.licenseId,
          field_id: field.id,
          account_id: reach.ownerAccountId,
          value: stored.value,
          value_norm: stored.valueNorm,
          value_number: stored.valueNumber,
          updated_at: now,
        });
      } else {
        await customFieldsRepository.deleteValue(tx, reach.licenseId, field.id);
      }
    }
    await this.deps.audit.record(tx, ctx, {
      action: 'license.custom_fields_set',
      accountId: reach.ownerAccountId,
      partnerAccountId: reach.access.partnerAccountId,
      targetType: 'license',
      targetId: reach.licenseId,
      data: { values: Object.fromEntries(changes.map((c) => [c.field.name, c.stored ? shownValue(c.field.type, c.stored.value) : null])), source },
    });
  }

  async valuesOf(db: Db, licenseId: string): Promise<Record<string, string | number>> {
    const rows = await customFieldsRepository.valuesOfLicense(db, licenseId);
    return Object.fromEntries(rows.map((r) => [r.name, shownValue(r.type, r.value)]));
  }
}

export async function fieldsByName(db: Db, accountId: string): Promise<Map<string, FieldDefinition>> {
  const rows = await customFieldsRepository.listFields(db, accountId);
  return new Map(rows.map((r) => [r.name, fieldDefinitionOf(r)]));
}

/** Reads every given value by its field; all faults at once, each naming `<prefix>.<name>`. */
export function readValues(fields: Map<string, FieldDefinition>, values: Record<string, CustomValueInput>, prefix: string): ValueChange[] {
  const { changes, errors } = tryReadValues(fields, values, prefix);
  if (errors.length > 0) throw validationFailed(errors);
  return changes;
}

export function tryReadValues(fields: Map<string, FieldDefinition>, values: Record<string, CustomValueInput>, prefix: string): { changes: ValueChange[]; errors: TErrorDetail[] } {
  const changes: ValueChange[] = [];
  const errors: TErrorDetail[] = [];
  for (const [name, input] of Object.entries(values)) {
    const field = fields.get(name);
    if (!field) {
      errors.push({ field: `${prefix}.${name}`, message: `there is no custom field named ${name} in this account` });
      continue;
    }
    const reading = readCustomValue(field, input);
    if (reading.ok) changes.push({ field, stored: reading.stored });
    else errors.push({ field: `${prefix}.${name}`, message: reading.message });
  }
  return { changes, errors };
}
