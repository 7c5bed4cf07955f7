import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../http/app-error.js';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateSigningKeyPair,
  publicKeyToJwk,
  type Ed25519Jwk,
  type Jwks,
  type SigningKey,
} from '../../../domain/signing/index.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { signingRepository } from './signing.repository.js';

/**
 * The portal's Ed25519 signing keys (SPEC §4). One key is `active` and signs; rotated keys stay
 * `previous` and published so the files they signed keep verifying. Private keys are stored
 * sealed with PORTAL_SECRET and only ever opened in memory.
 */
export class SigningKeys {
  /** The opened active key of this process; checked against the database's kid once per transaction. */
  private cached: SigningKey | undefined;

  /**
   * The key checked once per transaction: a group commit signs many licenses in one, and a key
   * rotated meanwhile by another instance is picked up by the next transaction (the previous key
   * stays published, so what it signed verifies).
   */
  private readonly checkedIn = new WeakMap<Db, SigningKey>();

  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; secret: string }) {}

  /**
   * The key that signs now. Several instances share the database: when another one rotated, the
   * kid differs from the cached one and this process opens the new key.
   */
  async activeKey(db: Db = this.deps.store.db): Promise<SigningKey> {
    const checked = this.checkedIn.get(db);
    if (checked) return checked;
    const kid = await signingRepository.activeKid(db);
    const key = kid && this.cached?.kid === kid ? this.cached : kid ? await this.open(db) : await this.ensureActive(db);
    if (db !== this.deps.store.db) this.checkedIn.set(db, key);
    return key;
  }

  /** Makes sure a key is active, generating the first one; safe when two instances start at once. */
  async ensureActive(db: Db = this.deps.store.db): Promise<SigningKey> {
    if (!(await signingRepository.findActive(db))) await this.insertNewKey(db);
    return this.open(db);
  }

  /** The JWKS of `GET /signing-keys`: active first, then the previous keys. */
  async jwks(): Promise<Jwks> {
    const rows = await signingRepository.listPublished(this.deps.store.db);
    if (rows.length === 0) {
      await this.ensureActive();
      return this.jwks();
    }
    return { keys: rows.map((r) => JSON.parse(r.public_jwk) as Ed25519Jwk) };
  }

  /** A new key signs from now on; the old one stays published. Vendor admins only. */
  async rotate(ctx: RequestContext): Promise<{ kid: string; previousKid: string | null }> {
    authorize(ctx.actor, 'vendor.write');
    const result = await this.deps.store
      .transaction(async (tx) => {
        const previousKid = (await signingRepository.demoteActive(tx)) ?? null;
        const kid = await this.insertNewKey(tx);
        if (!kid) throw new AppError('conflict', 'another rotation ran at the same moment; the newest key signs');
        await this.deps.audit.record(tx, ctx, { action: 'signing_key.rotated', accountId: null, targetType: 'signing_key', targetId: kid, data: { previousKid } });
        return { kid, previousKid };
      })
      .catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        // PostgreSQL: the partial unique index refused a second active key inside a racing rotation.
        throw new AppError('conflict', 'another rotation ran at the same moment; the newest key signs');
      });
    this.cached = undefined;
    return result;
  }

  /** Returns the new kid, or undefined when another instance's key became active first. */
  private async insertNewKey(db: Db): Promise<string | undefined> {
    const pair = generateSigningKeyPair();
    const inserted = await signingRepository.insertKey(db, {
      kid: pair.kid,
      public_jwk: JSON.stringify(publicKeyToJwk(pair.publicKey)),
      private_key: encryptPrivateKey(pair.privateKey, this.deps.secret),
      state: 'active',
      created_at: this.deps.clock.now().toISOString(),
      retired_at: null,
    });
    return inserted ? pair.kid : undefined;
  }

  private async open(db: Db): Promise<SigningKey> {
    const row = await signingRepository.findActive(db);
    if (!row) throw new Error('signing: no active key after creating one');
    this.cached = { kid: row.kid, privateKey: decryptPrivateKey(row.private_key, this.deps.secret) };
    return this.cached;
  }
}
