import { generateSerialNumber } from '../src/domain/identifiers/index.js';
import { addDays } from '../src/domain/reminders/index.js';
import { newId } from '../src/server/platform/ids.js';
import { seededRandom, type Row, type Rows } from './licenses-dataset.js';
import { openLoader } from './licenses-loader.js';

/**
 * The renewal reminders' scale data set, from a seed: customer accounts with an admin each,
 * partners delegated to a tenth of them, a twentieth with a schedule of their own (120/45/14 days
 * and day-of), and maintenance contracts whose end dates spread evenly from a year ago to three
 * years ahead, none planned yet: as orders and imports leave them.
 */
export interface ReminderDatasetOptions {
  contracts: number;
  accounts: number;
  seed: number;
  /** The day the measured pass runs. */
  today: string;
  chunk: number;
}

const PAST_DAYS = 365;
const FUTURE_DAYS = 3 * 365;

export function reminderDataset(o: ReminderDatasetOptions) {
  const rnd = seededRandom(o.seed);
  const bytes = () => Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
  const at = new Date(`${addDays(o.today, -PAST_DAYS - 365)}T08:00:00.000Z`);
  const iso = at.toISOString();
  const id = (kind: string) => newId(kind, at, bytes());

  const accounts: Row[] = [];
  const users: Row[] = [];
  const memberships: Row[] = [];
  const delegations: Row[] = [];
  const settings: Row[] = [];
  const partners = Math.max(1, Math.floor(o.accounts / 100));
  const account = (name: string, kind: string) => {
    const accountId = id('account');
    accounts.push({ id: accountId, name, kind, created_at: iso });
    const userId = id('user');
    users.push({ id: userId, email: `admin@${accountId}.bench`, name: `Admin of ${name}`, password_hash: null, created_at: iso, disabled_at: null });
    memberships.push({ account_id: accountId, user_id: userId, role: 'admin', created_at: iso });
    return accountId;
  };
  const partnerIds = Array.from({ length: partners }, (_, i) => account(`Partner ${i}`, 'partner'));
  const customerIds = Array.from({ length: o.accounts }, (_, i) => {
    const accountId = account(`Customer ${i}`, 'customer');
    if (i % 10 === 0) delegations.push({ customer_account_id: accountId, partner_account_id: partnerIds[i % partners]!, source: 'order', granted_at: iso });
    if (i % 20 === 7) {
      settings.push({ account_id: accountId, lead_days: '[120,45,14]', max_lead_days: 120, day_of: 1, expired: 0, to_admins: 1, to_technical: 1, to_customer: 0, to_partner: 1, extra_addresses: '[]', updated_at: iso });
    }
    return accountId;
  });
  const products: Row[] = Array.from({ length: 10 }, (_, i) => ({
    id: id('product'),
    sku: `RB-${i}`,
    name: `Reminder Bench Product ${i}`,
    product_line: `Line ${i % 4}`,
    version: String(20 + (i % 5)),
    edition: null,
    license_model: 'perpetual',
    unit: 'server',
    features: '[]',
    node_locked: 0,
    rehosts_per_year: 0,
    created_at: iso,
  }));
  const base: Rows = { accounts, users, memberships, delegations, products, reminder_settings: settings };

  function* chunks(): Generator<Row[]> {
    for (let start = 0; start < o.contracts; start += o.chunk) {
      const rows: Row[] = [];
      for (let i = start; i < Math.min(o.contracts, start + o.chunk); i++) {
        const endsAt = addDays(o.today, Math.floor(rnd() * (PAST_DAYS + FUTURE_DAYS + 1)) - PAST_DAYS);
        rows.push({
          id: id('maintenanceContract'),
          serial_number: generateSerialNumber('M', String(i).padStart(9, '0')),
          account_id: customerIds[Math.floor(rnd() * customerIds.length)]!,
          entitlement_id: null,
          product_id: products[Math.floor(rnd() * products.length)]!.id as string,
          starts_at: addDays(endsAt, -365),
          ends_at: endsAt,
          renewed_by_id: null,
          registration_id: null,
          created_at: iso,
          updated_at: iso,
        });
      }
      yield rows;
    }
  }
  return { base, chunks };
}

/** Loads the data set into a migrated, empty database; answers the rows written and the size. */
export async function loadReminderDataset(url: string, o: ReminderDatasetOptions, log: (m: string) => void) {
  const data = reminderDataset(o);
  const loader = openLoader(url);
  try {
    for (const [table, rows] of Object.entries(data.base)) for (let i = 0; i < rows.length; i += 5000) await loader.insert(table, rows.slice(i, i + 5000));
    await loader.dropSecondaryIndexes(['maintenance_contracts', 'reminder_plans']);
    let written = 0;
    for (const rows of data.chunks()) {
      await loader.insert('maintenance_contracts', rows);
      // Each contract with its plan, unplanned, as the portal writes them.
      await loader.insert('reminder_plans', rows.map((r) => ({ contract_id: r.id!, ends_at: r.ends_at!, next_reminder_on: null })));
      written += rows.length;
      if (written % (o.contracts / 10) < o.chunk) log(`${written.toLocaleString('en-US')} contracts`);
    }
    await loader.rebuildIndexes();
    await loader.analyze();
    return { contracts: written, accounts: data.base.accounts!.length, databaseBytes: await loader.sizeBytes() };
  } finally {
    await loader.close();
  }
}
