import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * The prefix registry: every stored object's id says what it is (`acc_…` is an account).
 * Ids sort by creation time (48-bit millisecond timestamp first), which makes them good keyset
 * cursors, and carry 80 random bits, so they cannot be guessed.
 */
export const ID_PREFIXES = {
  account: 'acc',
  user: 'usr',
  apiToken: 'tok',
  authToken: 'atk',
  audit: 'aud',
  outbox: 'msg',
  job: 'job',
  reminder: 'rem',
  reminderDelivery: 'rdl',
  alert: 'alr',
  webhookEndpoint: 'whe',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  product: 'prd',
  order: 'ord',
  certificate: 'crt',
  entitlement: 'ent',
  maintenanceContract: 'mnt',
  registration: 'reg',
  license: 'lic',
  rehost: 'rhs',
  delivery: 'dlv',
  release: 'rel',
  releaseFile: 'fil',
  blob: 'blob',
  download: 'dl',
  activation: 'act',
  flexContract: 'flx',
  flexPool: 'fpl',
  flexLedger: 'fle',
  voucherBatch: 'vbt',
  voucher: 'vch',
  customField: 'cfd',
  licenseShare: 'shr',
  licenseView: 'lvw',
  upgradeCampaign: 'upc',
  upgradeNotification: 'upn',
  upgradeRight: 'upr',
  licenseUpgrade: 'upg',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `random` (16 bytes) is for reproducible data such as the bench generator's; ids in service come from the CSPRNG. */
export function newId(kind: IdKind | string, at: Date = new Date(), random: Uint8Array = randomIdBytes()): string {
  const prefix = (ID_PREFIXES as Record<string, string>)[kind] ?? kind;
  return `${prefix}_${encodeTime(at.getTime())}${encodeRandom(random)}`;
}

// Drawn from the CSPRNG 4 KiB at a time: one call per 256 ids instead of one per id, which is most
// of an id's cost on a busy write path (an order import makes five per row). Each byte serves once.
const idRandomPool = Buffer.alloc(4096);
let idRandomOffset = idRandomPool.length;

function randomIdBytes(): Uint8Array {
  if (idRandomOffset + 16 > idRandomPool.length) {
    randomFillSync(idRandomPool);
    idRandomOffset = 0;
  }
  idRandomOffset += 16;
  return idRandomPool.subarray(idRandomOffset - 16, idRandomOffset);
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/** A secret for a cookie, an API token or a one-time link: 256 random bits, URL-safe. */
export function newSecret(prefix?: string): string {
  const body = randomBytes(32).toString('base64url');
  return prefix ? `${prefix}_${body}` : body;
}
