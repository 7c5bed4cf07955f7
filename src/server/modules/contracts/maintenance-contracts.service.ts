import type { TContractFile, TMaintenanceContract, TMaintenanceContractState } from '../../../contracts/contracts.js';
import { addDays, checkRenewal, dateOf, EXPIRING_WITHIN_DAYS } from '../../../domain/reminders/index.js';
import { signContractFile } from '../../../domain/signing/index.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { settingsByAccount } from '../reminders/reminder-settings.js';
import { reminderSettingsRepository } from '../reminders/reminder-settings.repository.js';
import type { SigningKeys } from '../signing/signing-keys.service.js';
import type { WebhookDeliveries } from '../webhooks/webhook-deliveries.service.js';
import { readContractSerial } from './contract-serial.js';
import { toContractView } from './contract-view.js';
import { maintenanceRepository, type ContractRow } from './maintenance.repository.js';

export interface MaintenanceContractsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  alerts: AlertsService;
  webhooks: WebhookDeliveries;
  signingKeys: SigningKeys;
}

interface ListOptions {
  state?: TMaintenanceContractState | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Maintenance contracts (SPEC §11): the account's list, the vendor's renewal, the signed contract file. */
export class MaintenanceContractsService {
  constructor(private readonly deps: MaintenanceContractsDeps) {}

  async list(ctx: RequestContext, accountId: string, opts: ListOptions) {
    authorize(ctx.actor, 'account.read', accountId);
    return this.page({ ...opts, accountId });
  }

  async listAll(ctx: RequestContext, opts: ListOptions & { accountId?: string | undefined }) {
    authorize(ctx.actor, 'vendor.read');
    return this.page(opts);
  }

  async get(ctx: RequestContext, accountId: string, typedSerial: string): Promise<TMaintenanceContract> {
    authorize(ctx.actor, 'account.read', accountId);
    const row = await maintenanceRepository.findBySerial(this.deps.store.db, readContractSerial(typedSerial), accountId);
    if (!row) throw notFound('maintenance contract');
    return (await this.views(this.deps.store.db, [row]))[0]!;
  }

  /** The vendor renews in place: a later end date, the state and reminders follow from it. */
  async renew(ctx: RequestContext, typedSerial: string, endsAt: string): Promise<TMaintenanceContract> {
    authorize(ctx.actor, 'vendor.write');
    const serial = readContractSerial(typedSerial);
    return this.deps.store.transaction(async (tx) => {
      const row = await maintenanceRepository.findBySerial(tx, serial);
      if (!row) throw notFound('maintenance contract');
      await this.renewRow(tx, ctx, row, endsAt, 'endsAt');
      return (await this.views(tx, [(await maintenanceRepository.findBySerial(tx, serial))!]))[0]!;
    });
  }

  /** Co-terming: several contracts renewed to one end date in one change, all or none. */
  async coTerm(ctx: RequestContext, typedSerials: string[], endsAt: string): Promise<{ contracts: TMaintenanceContract[] }> {
    authorize(ctx.actor, 'vendor.write');
    const serials = typedSerials.map((s, i) => readContractSerial(s, `serialNumbers.${i}`));
    return this.deps.store.transaction(async (tx) => {
      const rows = new Map((await maintenanceRepository.findBySerials(tx, serials)).map((r) => [r.serial_number, r]));
      for (const [i, serial] of serials.entries()) {
        const row = rows.get(serial);
        if (!row) throw fieldError(`serialNumbers.${i}`, 'no such maintenance contract');
        if (row.ends_at !== endsAt) await this.renewRow(tx, ctx, row, endsAt, `serialNumbers.${i}`);
      }
      return { contracts: await this.views(tx, await maintenanceRepository.findBySerials(tx, [...new Set(serials)])) };
    });
  }

  /**
   * A newer contract for the same product of the same account replaces this one (SPEC §11
   * `renewed`): this one sends no more reminders, and its page points to the newer one.
   */
  async supersede(ctx: RequestContext, typedSerial: string, typedBy: string): Promise<TMaintenanceContract> {
    authorize(ctx.actor, 'vendor.write');
    const serial = readContractSerial(typedSerial);
    const bySerial = readContractSerial(typedBy, 'bySerialNumber');
    return this.deps.store.transaction(async (tx) => {
      const [row, by] = await Promise.all([maintenanceRepository.findBySerial(tx, serial), maintenanceRepository.findBySerial(tx, bySerial)]);
      if (!row) throw notFound('maintenance contract');
      if (!by || by.id === row.id) throw fieldError('bySerialNumber', 'no other maintenance contract has this serial number');
      if (by.account_id !== row.account_id || by.sku !== row.sku) throw fieldError('bySerialNumber', `must be a contract of the same account for ${row.product_name}`);
      if (by.ends_at <= row.ends_at) throw fieldError('bySerialNumber', `must end after ${row.ends_at}`);
      if (by.renewed_by_id !== null) throw new AppError('conflict', `${by.serial_number} is itself superseded`);
      if (!(await maintenanceRepository.supersede(tx, row.id, by.id, this.deps.clock.now().toISOString()))) throw new AppError('conflict', `${row.serial_number} is already superseded`);
      await this.deps.audit.record(tx, ctx, { action: 'maintenance_contract.superseded', accountId: row.account_id, targetType: 'maintenance_contract', targetId: row.id, data: { serialNumber: serial, bySerialNumber: bySerial } });
      return (await this.views(tx, [(await maintenanceRepository.findBySerial(tx, serial))!]))[0]!;
    });
  }

  /** The signed contract file (`lp-contract-1`): serial, dates and schedule, to plan reminders offline. */
  async contractFile(ctx: RequestContext, accountId: string, typedSerial: string): Promise<TContractFile> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await maintenanceRepository.findBySerial(db, readContractSerial(typedSerial), accountId);
    if (!row) throw notFound('maintenance contract');
    const settings = settingsByAccount([accountId], await reminderSettingsRepository.forAccounts(db, [accountId]));
    const payload = {
      serialNumber: row.serial_number,
      accountId,
      productSku: row.sku,
      productName: row.product_name,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      schedule: settings.get(accountId)!.schedule,
      issuedAt: this.deps.clock.now().toISOString(),
    };
    // signContractFile stamps `kind: 'maintenance-contract'` into the signed payload.
    return signContractFile(payload, await this.deps.signingKeys.activeKey()) as TContractFile;
  }

  private async renewRow(tx: Db, ctx: RequestContext, row: ContractRow, endsAt: string, field: string): Promise<void> {
    const check = checkRenewal({ endsAt: row.ends_at, renewed: row.renewed_by_id !== null }, endsAt);
    if (!check.ok) {
      if (check.code === 'not_later') throw fieldError(field, `${row.serial_number} ${check.message}`);
      throw new AppError('conflict', `${row.serial_number}: ${check.message}`);
    }
    const now = this.deps.clock.now().toISOString();
    if (!(await maintenanceRepository.renew(tx, row.id, row.ends_at, endsAt, now))) {
      throw new AppError('conflict', `${row.serial_number} changed while it was being renewed; try again`);
    }
    const data = { serialNumber: row.serial_number, previousEndsAt: row.ends_at, endsAt };
    await this.deps.audit.record(tx, ctx, { action: 'maintenance_contract.renewed', accountId: row.account_id, targetType: 'maintenance_contract', targetId: row.id, data });
    await this.deps.alerts.raise(tx, [
      {
        accountId: row.account_id,
        kind: 'renewed',
        contractId: row.id,
        serialNumber: row.serial_number,
        title: `Maintenance renewed: ${row.product_name} (${row.serial_number})`,
        body: `The maintenance contract ${row.serial_number} for ${row.product_name} now ends on ${endsAt} (was ${row.ends_at}).`,
      },
    ]);
    await this.deps.webhooks.emit(tx, [{ accountId: row.account_id, type: 'maintenance.renewed', data: { ...data, accountId: row.account_id, product: { sku: row.sku, name: row.product_name } } }]);
  }

  private async page(opts: ListOptions & { accountId?: string | undefined }) {
    const { db } = this.deps.store;
    const today = dateOf(this.deps.clock.now());
    const after = opts.cursor ? parseCursor(opts.cursor) : undefined;
    const rows = await maintenanceRepository.list(db, { ...opts, today, expiringUntil: addDays(today, EXPIRING_WITHIN_DAYS), after, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => `${r.ends_at}~${r.id}`);
    return { items: await this.views(db, page.items), nextCursor: page.nextCursor };
  }

  private async views(db: Db, rows: ContractRow[]): Promise<TMaintenanceContract[]> {
    const today = dateOf(this.deps.clock.now());
    const accountIds = [...new Set(rows.map((r) => r.account_id))];
    const settings = settingsByAccount(accountIds, await reminderSettingsRepository.forAccounts(db, accountIds));
    const licenses = new Map<string, string[]>();
    for (const accountId of accountIds) {
      const entitlements = rows.filter((r) => r.account_id === accountId && r.entitlement_id).map((r) => r.entitlement_id!);
      for (const [k, v] of await maintenanceRepository.activeLicenseIds(db, accountId, entitlements)) licenses.set(k, v);
    }
    return rows.map((r) => toContractView(r, (r.entitlement_id && licenses.get(r.entitlement_id)) || [], settings.get(r.account_id)!.schedule, today));
  }
}

function parseCursor(cursor: string): [string, string] {
  const [endsAt, id] = cursor.split('~');
  if (!endsAt || !id) throw fieldError('cursor', 'not a cursor of this list');
  return [endsAt, id];
}
