import { CROCKFORD_ALPHABET, generateSerialNumber, luhn32CheckChar } from '../src/domain/identifiers/index.js';
import { formatLicenseKeyBody } from '../src/domain/identifiers/license-key.js';
import { newId } from '../src/server/platform/ids.js';

/**
 * The scale data set of Manage My Licenses, from a seed: the same seed gives the same rows, ids
 * and keys. One enterprise account holds most licenses (the account the list is measured on);
 * the rest spread over smaller customers. Rows are produced in chunks so that any size streams.
 */
export interface DatasetOptions {
  licenses: number;
  seed: number;
  accounts: number;
  /** Share of all licenses held by the enterprise account. */
  enterpriseShare: number;
}

export type Row = Record<string, string | number | null>;
export type Rows = Record<string, Row[]>;

/** Every generated user signs in with this password. */
export const BENCH_PASSWORD = 'bench-password-1';
export const ENTERPRISE_ADMIN = 'admin@enterprise.bench';
/** A user of a small account with whom enterprise licenses are shared, and the reverse. */
export const PARTNER_ADMIN = 'admin@account-1.bench';

const START = Date.parse('2021-01-04T08:00:00.000Z');
const END = Date.parse('2026-11-01T08:00:00.000Z');
const DAY = 86_400_000;
const LINES = ['Vault Backup', 'Edge Gateway', 'Data Mesh', 'Log Vault', 'Stream Relay', 'Key Keeper'];
const VERSIONS = ['21', '22', '23', '24'];
const DEPARTMENTS = ['Finance', 'Engineering', 'Operations', 'Sales', 'Legal', 'Research', 'Support', 'Marketing', 'IT', 'HR', 'Facilities', 'Security'];

/** mulberry32: small, fast, seeded; good enough to spread test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dataset {
  /** Accounts, users, products, custom fields: written first. */
  base: Rows;
  /** Licenses and what hangs off them, `size` at a time. */
  chunks(size: number): Generator<Rows>;
  enterpriseAccountId: string;
}

export function dataset(options: DatasetOptions, passwordHash: string): Dataset {
  const rnd = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const bytes = () => Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
  const id = (kind: string, at: number) => newId(kind, new Date(at), bytes());
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const created = iso(START - 30 * DAY);

  const accounts: Row[] = [];
  const users: Row[] = [];
  const memberships: Row[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const accountId = id('account', START - 30 * DAY + i);
    accounts.push({ id: accountId, name: i === 0 ? 'Globex Enterprise' : `Customer ${i}`, kind: 'customer', created_at: created });
    const userId = id('user', START - 30 * DAY + i);
    users.push({ id: userId, email: i === 0 ? ENTERPRISE_ADMIN : `admin@account-${i}.bench`, name: i === 0 ? 'Enterprise Admin' : `Admin ${i}`, password_hash: passwordHash, created_at: created, disabled_at: null });
    memberships.push({ account_id: accountId, user_id: userId, role: 'admin', created_at: created });
  }
  const enterpriseAccountId = accounts[0]!.id as string;

  const products: Row[] = LINES.flatMap((line, l) =>
    VERSIONS.map((version, v) => ({
      id: id('product', START - 40 * DAY + l * 10 + v),
      sku: `${line.replace(/ /g, '').slice(0, 6).toUpperCase()}-${version}`,
      name: `${line} ${l % 2 ? 'Enterprise' : 'Server'}`,
      product_line: line,
      version,
      edition: l % 2 ? 'Enterprise' : null,
      license_model: l % 3 === 2 ? 'subscription' : 'perpetual',
      unit: pick(['server', 'socket', 'TB', 'user'] as const),
      features: '["core"]',
      node_locked: l % 2 === 0 ? 1 : 0,
      rehosts_per_year: l % 2 === 0 ? 2 : 0,
      created_at: created,
    })),
  );

  // The enterprise organizes its licenses with five fields; every other account with one.
  const field = (accountId: string, name: string, type: string, choices: string[] | null, n: number): Row => ({
    id: id('customField', START - 20 * DAY + n),
    account_id: accountId,
    name,
    label: name.replace(/_/g, ' '),
    type,
    choices: choices ? JSON.stringify(choices) : null,
    required: 0,
    created_at: created,
  });
  const enterpriseFields = [
    { row: field(enterpriseAccountId, 'cost_center', 'text', null, 0), fill: 0.9, value: () => `CC-${int(1000, 1499)}` },
    { row: field(enterpriseAccountId, 'department', 'choice', DEPARTMENTS, 1), fill: 0.8, value: () => pick(DEPARTMENTS) },
    { row: field(enterpriseAccountId, 'seats', 'number', null, 2), fill: 0.6, value: () => String(int(1, 500)) },
    { row: field(enterpriseAccountId, 'renewal_review', 'date', null, 3), fill: 0.5, value: () => date(END + int(0, 700) * DAY) },
    { row: field(enterpriseAccountId, 'owner', 'text', null, 4), fill: 0.4, value: () => `owner${int(1, 2000)}@globex.example` },
  ];
  const otherFields = new Map(accounts.slice(1).map((a, i) => [a.id as string, field(a.id as string, 'cost_center', 'text', null, 10 + i)]));
  const customFields = [...enterpriseFields.map((f) => f.row), ...otherFields.values()];

  function* chunks(size: number): Generator<Rows> {
    const total = options.licenses;
    const step = (END - START) / total;
    const openOrders = new Map<string, { orderId: string; certificateId: string; lines: number }>();
    for (let start = 0; start < total; start += size) {
      const rows: Rows = { orders: [], certificates: [], entitlements: [], maintenance_contracts: [], licenses: [], custom_field_values: [], license_shares: [] };
      for (let i = start; i < Math.min(total, start + size); i++) {
        const at = Math.floor(START + i * step);
        // toISOString is the costliest call here: once per license, dates sliced from it.
        const issued = iso(at);
        const issuedDate = issued.slice(0, 10);
        const accountId = rnd() < options.enterpriseShare ? enterpriseAccountId : (accounts[int(1, accounts.length - 1)]!.id as string);
        const product = pick(products);
        const order = orderFor(accountId, at, issued, rows);
        const entitlementId = id('entitlement', at);
        const years = int(1, 3);
        const endDate = date(at + years * 365 * DAY);
        const maintenanceEnds = rnd() < 0.8 ? endDate : null;
        const subscription = product.license_model === 'subscription';
        rows.entitlements!.push({
          id: entitlementId,
          serial_number: generateSerialNumber('S', permuted(i, 387_420_489)),
          order_id: order.orderId,
          certificate_id: order.certificateId,
          account_id: accountId,
          line_no: order.lines,
          product_id: product.id as string,
          quantity: int(1, 16),
          maintenance_starts_at: maintenanceEnds ? issuedDate : null,
          maintenance_ends_at: maintenanceEnds,
          key_on_certificate: 0,
          license_key: null,
          registration_id: null,
          registered_at: issued,
          created_at: issued,
        });
        if (maintenanceEnds) {
          rows.maintenance_contracts!.push({
            id: id('maintenanceContract', at),
            serial_number: generateSerialNumber('M', permuted(i, 1_594_323)),
            account_id: accountId,
            entitlement_id: entitlementId,
            product_id: product.id as string,
            starts_at: issuedDate,
            ends_at: maintenanceEnds,
            renewed_by_id: null,
            created_at: issued,
            updated_at: issued,
          });
        }
        const licenseId = id('license', at);
        const key = licenseKey();
        const hostId = product.node_locked ? hostIdOf(i) : null;
        const status = rnd() < 0.96 ? 'active' : rnd() < 0.6 ? 'revoked' : 'retired';
        rows.licenses!.push({
          id: licenseId,
          account_id: accountId,
          product_id: product.id as string,
          entitlement_id: entitlementId,
          license_key: key,
          quantity: 1 + (i % 8),
          features: '["core"]',
          host_id: hostId,
          not_before: issued,
          expires_at: subscription ? endDate : null,
          maintenance_ends_at: maintenanceEnds,
          status,
          source: 'get_a_key',
          source_ref: null,
          replaces_license_id: null,
          registration_id: null,
          file: fileOf(licenseId, key, accountId, product, issued, hostId),
          kid: 'bench-kid',
          issued_at: issued,
          revoked_at: status === 'active' ? null : issued,
        });
        const fields = accountId === enterpriseAccountId ? enterpriseFields : [{ row: otherFields.get(accountId)!, fill: 0.5, value: () => `CC-${int(1, 99)}` }];
        for (const f of fields) {
          if (rnd() >= f.fill) continue;
          const value = f.value();
          const numeric = f.row.type === 'number';
          rows.custom_field_values!.push({ license_id: licenseId, field_id: f.row.id as string, account_id: accountId, value, value_norm: value.toLowerCase(), value_number: numeric ? Number(value) : null, updated_at: issued });
        }
        // one license in 500 of a small account is shared with the enterprise's admin, and the reverse
        if (i % 500 === 7) rows.license_shares!.push(shareOf(licenseId, accountId, at, issued));
      }
      yield rows;
    }

    function orderFor(accountId: string, at: number, issued: string, rows: Rows) {
      let order = openOrders.get(accountId);
      if (!order || order.lines >= 50) {
        order = { orderId: id('order', at), certificateId: id('certificate', at), lines: 0 };
        openOrders.set(accountId, order);
        rows.orders!.push({ id: order.orderId, account_id: accountId, partner_account_id: null, reference: null, source: 'api', created_at: issued });
        rows.certificates!.push({ id: order.certificateId, order_id: order.orderId, account_id: accountId, issued_at: issued, mailed_at: issued });
      }
      order.lines += 1;
      return order;
    }
  }

  function shareOf(licenseId: string, ownerAccountId: string, at: number, issued: string): Row {
    const toEnterprise = ownerAccountId !== enterpriseAccountId;
    return {
      id: id('licenseShare', at),
      license_id: licenseId,
      owner_account_id: ownerAccountId,
      recipient_user_id: (toEnterprise ? users[0]! : users[1]!).id as string,
      permission: rnd() < 0.5 ? 'view' : 'manage',
      created_by: null,
      created_at: issued,
    };
  }

  function licenseKey(): string {
    let payload = '';
    for (let k = 0; k < 24; k++) payload += CROCKFORD_ALPHABET[Math.floor(rnd() * 32)];
    return formatLicenseKeyBody(payload + luhn32CheckChar(payload));
  }

  /** Host IDs as products report them: MAC addresses, machine names, machine GUIDs. */
  function hostIdOf(i: number): string {
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(rnd() * 16)]).join('');
    switch (i % 3) {
      case 0:
        return `${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}`;
      case 1:
        return `srv-${pick(['db', 'app', 'web', 'etl'])}-${int(1, 99999)}.globex.example`;
      default:
        return `${hex(8)}-${hex(4)}-${hex(4)}`.toLowerCase();
    }
  }

  /** A license file of the real shape and size; its signature is not a real one (the list never reads files). */
  function fileOf(licenseId: string, key: string, accountId: string, product: Row, issued: string, hostId: string | null): string {
    const payload = { licenseId, licenseKey: key, accountId, productSku: product.sku, productName: product.name, version: product.version, quantity: 1, unit: product.unit, features: ['core'], issuedAt: issued, notBefore: issued, expiresAt: null, maintenanceEndsAt: null, hostId };
    let signature = '';
    for (let k = 0; k < 86; k++) signature += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(rnd() * 64)];
    return JSON.stringify({ format: 'lp-license-1', payload, kid: 'bench-kid', signature });
  }

  return { base: { accounts, users, memberships, products, custom_fields: customFields }, chunks, enterpriseAccountId };
}

/** Distinct 9-digit numbers for distinct `i` (the multiplier is prime to 10⁹): unique serials without a lookup. */
function permuted(i: number, multiplier: number): string {
  return String(Number((BigInt(i) * BigInt(multiplier) + 12_345n) % 1_000_000_000n)).padStart(9, '0');
}
