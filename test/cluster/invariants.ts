import { addDays, dateOf, decideReminder, DEFAULT_SCHEDULE } from '../../src/domain/reminders/index.js';
import type { Db } from '../../src/server/db/database.js';
import type { Acknowledged } from './load-driver.js';

/** What the database held when the invariants were checked: the run's figures. */
export interface Holdings {
  licenses: number;
  ledgerEntries: number;
  redeemedVouchers: number;
  activations: number;
  reminders: number;
  auditEntries: number;
}

export interface InvariantReport {
  /** Every broken invariant, as a sentence; empty when all hold. */
  violations: string[];
  holdings: Holdings;
}

/**
 * Checks, by SQL on the shared database, what a licensing portal must never get wrong under load
 * or after a crash: pools, vouchers, serials, reminders, the acknowledged changes and their audit.
 * `contracts` maps the maintenance contracts' serials to their end dates; `reminderDaysTried`
 * are the days on which reminders were asked for (answered or not).
 */
export async function checkInvariants(db: Db, acknowledged: Acknowledged, contracts: Map<string, string>, reminderDaysTried: Set<string>): Promise<InvariantReport> {
  const violations: string[] = [];
  const fail = (message: string) => violations.push(message);

  const licenses = await db.selectFrom('licenses').select(['id', 'account_id', 'quantity', 'status', 'source', 'source_ref']).execute();
  const licenseById = new Map(licenses.map((l) => [l.id, l]));
  const audit = await db.selectFrom('audit_log').select(['action', 'target_id', 'data']).execute();
  const audited = new Set(audit.map((a) => `${a.action} ${a.target_id}`));

  // Enterprise Flexible: no pool below zero; the ledger sums to what the pool has given out.
  const pools = await db.selectFrom('flex_pools').select(['id', 'contract_id', 'units', 'remaining']).execute();
  const ledger = await db.selectFrom('flex_ledger').select(['id', 'pool_id', 'kind', 'quantity', 'license_id']).execute();
  for (const pool of pools) {
    if (pool.remaining < 0 || pool.remaining > pool.units) fail(`pool ${pool.id} holds ${pool.remaining} of ${pool.units} units`);
    const entries = ledger.filter((e) => e.pool_id === pool.id);
    const net = entries.reduce((n, e) => n + (e.kind === 'draw_down' ? e.quantity : -e.quantity), 0);
    if (net !== pool.units - pool.remaining) fail(`pool ${pool.id}: the ledger nets ${net} units, the pool has given out ${pool.units - pool.remaining}`);
    const active = licenses.filter((l) => l.source === 'draw_down' && l.source_ref === pool.contract_id && l.status === 'active').reduce((n, l) => n + l.quantity, 0);
    if (active !== pool.units - pool.remaining) fail(`pool ${pool.id}: ${active} units are licensed, the pool has given out ${pool.units - pool.remaining}`);
  }
  for (const e of ledger) {
    const action = e.kind === 'draw_down' ? 'flex.drawn_down' : 'flex.returned';
    if (!audited.has(`${action} ${e.license_id}`)) fail(`ledger entry ${e.id} (${e.kind}) has no ${action} audit entry`);
  }

  // Vouchers: each converted at most once, into the one license it names.
  const vouchers = await db.selectFrom('vouchers').select(['id', 'state', 'license_id']).execute();
  const voucherLicenses = group(licenses.filter((l) => l.source === 'voucher'), (l) => l.source_ref!);
  for (const v of vouchers) {
    const issued = voucherLicenses.get(v.id) ?? [];
    if (issued.length > 1) fail(`voucher ${v.id} was converted into ${issued.length} licenses`);
    if ((v.state === 'redeemed') !== (issued.length === 1) || (v.license_id !== null && issued[0]?.id !== v.license_id)) fail(`voucher ${v.id} is ${v.state} with ${issued.length} license(s)`);
    if (v.license_id && !audited.has(`voucher.redeemed ${v.license_id}`)) fail(`voucher ${v.id}'s conversion has no audit entry`);
  }

  // Serials: registered once, to the account the order names, and audited.
  const entitlements = await db.selectFrom('entitlements').select(['serial_number', 'account_id', 'registered_at']).execute();
  const registered = group(licenses.filter((l) => l.source === 'get_a_key'), (l) => l.source_ref!);
  for (const e of entitlements) {
    const issued = registered.get(e.serial_number) ?? [];
    if (issued.length > 1) fail(`serial ${e.serial_number} was registered ${issued.length} times`);
    if (issued.some((l) => l.account_id !== e.account_id)) fail(`serial ${e.serial_number} is registered to another account than its order's`);
    if ((e.registered_at !== null) !== (issued.length === 1)) fail(`serial ${e.serial_number}: registered_at ${e.registered_at} with ${issued.length} license(s)`);
    for (const l of issued) if (!audited.has(`serial.registered ${l.id}`)) fail(`the registration of ${e.serial_number} has no audit entry`);
  }

  // Activations: no license past its seats; every one audited.
  const activations = await db.selectFrom('activations').select(['id', 'license_id']).execute();
  const activatedIds = new Set(audit.filter((a) => a.action === 'license.activated').map((a) => (JSON.parse(a.data ?? '{}') as { activationId?: string }).activationId));
  for (const [licenseId, seats] of group(activations, (a) => a.license_id)) {
    const license = licenseById.get(licenseId);
    if (license && seats.length > license.quantity) fail(`license ${licenseId} holds ${seats.length} activations for ${license.quantity} servers`);
  }
  for (const a of activations) if (!activatedIds.has(a.id)) fail(`activation ${a.id} has no audit entry`);
  const counts = await db.selectFrom('activation_counts').select(['license_id', 'active']).execute();
  const seatsOf = group(activations, (a) => a.license_id);
  for (const c of counts) if (c.active !== (seatsOf.get(c.license_id)?.length ?? 0)) fail(`license ${c.license_id} counts ${c.active} seats and holds ${seatsOf.get(c.license_id)?.length ?? 0}`);

  // Reminders: once per contract, stage and end date; each message once; none from a day never run.
  const reminders = await db.selectFrom('reminders').select(['id', 'serial_number', 'stage', 'ends_at']).where('is_test', '=', 0).execute();
  const keys = reminders.map((r) => `${r.serial_number}/${r.stage}/${r.ends_at}`);
  for (const [key, twins] of group(keys, (k) => k)) if (twins.length > 1) fail(`reminder ${key} exists ${twins.length} times`);
  const stored = new Set(keys);
  const today = dateOf(new Date());
  for (const day of acknowledged.reminderDays) {
    for (const [serial, endsAt] of contracts) {
      const due = endsAt >= day ? decideReminder({ endsAt, renewed: false }, DEFAULT_SCHEDULE, day).due : null;
      if (due && !stored.has(`${serial}/${due.stage}/${endsAt}`)) fail(`reminder ${serial}/${due.stage}/${endsAt} was due on ${day}, a day whose run answered 200, and is missing`);
    }
  }
  const possible = new Set<string>();
  for (const day of [...reminderDaysTried, today, addDays(today, 1)]) {
    for (const [serial, endsAt] of contracts) {
      const due = decideReminder({ endsAt, renewed: false }, DEFAULT_SCHEDULE, day).due;
      if (due) possible.add(`${serial}/${due.stage}/${endsAt}`);
    }
  }
  for (const key of stored) if (!possible.has(key)) fail(`reminder ${key} was due on no day that was run`);
  const deliveries = await db.selectFrom('reminder_deliveries').select(['reminder_id', 'channel', 'recipient']).execute();
  for (const [key, twins] of group(deliveries, (d) => `${d.reminder_id} ${d.channel} ${d.recipient}`)) if (twins.length > 1) fail(`reminder delivery ${key} was made ${twins.length} times`);
  const alerts = await db.selectFrom('alerts').select(['reminder_id']).where('kind', '=', 'reminder').execute();
  for (const [id, twins] of group(alerts, (a) => a.reminder_id!)) if (twins.length > 1) fail(`reminder ${id} raised ${twins.length} alerts`);

  // Every change acknowledged with a 2xx is in the database.
  for (const r of acknowledged.registrations) {
    const l = licenseById.get(r.licenseId);
    if (!l || l.source !== 'get_a_key' || l.source_ref !== r.serialNumber) fail(`acknowledged registration of ${r.serialNumber} (license ${r.licenseId}) is missing`);
  }
  const ledgerById = new Map(ledger.map((e) => [e.id, e]));
  for (const d of acknowledged.drawDowns) {
    const e = ledgerById.get(d.entryId);
    if (!e || e.kind !== 'draw_down' || e.license_id !== d.licenseId || !licenseById.has(d.licenseId)) fail(`acknowledged draw-down ${d.entryId} is missing`);
  }
  for (const r of acknowledged.returns) {
    const e = ledgerById.get(r.entryId);
    if (!e || e.kind !== 'return' || licenseById.get(r.retiredLicenseId)?.status !== 'retired') fail(`acknowledged return ${r.entryId} is missing`);
  }
  const voucherById = new Map(vouchers.map((v) => [v.id, v]));
  for (const r of acknowledged.redemptions) {
    if (voucherById.get(r.voucherId)?.license_id !== r.licenseId || !licenseById.has(r.licenseId)) fail(`acknowledged redemption of voucher ${r.voucherId} is missing`);
  }
  const activationIds = new Set(activations.map((a) => a.id));
  for (const a of acknowledged.activations) if (!activationIds.has(a.activationId)) fail(`acknowledged activation ${a.activationId} is missing`);

  return {
    violations,
    holdings: {
      licenses: licenses.length,
      ledgerEntries: ledger.length,
      redeemedVouchers: vouchers.filter((v) => v.state === 'redeemed').length,
      activations: activations.length,
      reminders: reminders.length,
      auditEntries: audit.length,
    },
  };
}

function group<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
