import { hash, verify } from '@node-rs/argon2';

/** Argon2id in @node-rs/argon2's Algorithm enum (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** Argon2id, OWASP's parameters; tests may lower the cost, never production (PORTAL_PASSWORD_HASH_COST). */
const COSTS = {
  standard: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  test: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

export type PasswordCost = keyof typeof COSTS;

export const PASSWORD_MIN_LENGTH = 8;

export class PasswordHasher {
  private dummy: Promise<string> | undefined;
  constructor(private readonly cost: PasswordCost = 'standard') {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, ...COSTS[this.cost] });
  }

  /** Verifies; with no stored hash, still spends the same time, so unknown e-mails are not told apart. */
  async verify(storedHash: string | null, password: string): Promise<boolean> {
    if (!storedHash) {
      this.dummy ??= this.hash('no-such-user-placeholder');
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(storedHash, password).catch(() => false);
  }
}
