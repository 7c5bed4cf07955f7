import { AppError } from '../../http/app-error.js';
import type { Actor, AccountGrant } from './actor.js';

/**
 * What a caller wants to do.
 * - `account.read`: see an account's data. `account.operate`: every license operation (member).
 * - `account.manage`: users, custom fields, shares, delegations, tokens (account admin).
 * - `account.support`: resend keys and certificates, edit support registration (members and vendor staff).
 * - `vendor.read` / `vendor.support` / `vendor.write`: the vendor's side, `/admin/…`.
 */
export type Action =
  | 'account.read'
  | 'account.operate'
  | 'account.manage'
  | 'account.support'
  | 'vendor.read'
  | 'vendor.support'
  | 'vendor.write';

export type AccountAction = Extract<Action, `account.${string}`>;
export type VendorAction = Extract<Action, `vendor.${string}`>;

/** The outcome of an allowed request: which account, with what standing. */
export interface Access {
  accountId: string | null;
  role: AccountGrant['role'] | 'vendor-admin' | 'vendor-support' | 'system';
  /** Set when a partner acts on a customer's behalf; recorded with the change. */
  partnerAccountId: string | null;
}

const ACCOUNT_ROLE_ACTIONS: Record<AccountGrant['role'], readonly AccountAction[]> = {
  admin: ['account.read', 'account.operate', 'account.manage', 'account.support'],
  member: ['account.read', 'account.operate', 'account.support'],
  viewer: ['account.read'],
  support: ['account.read', 'account.support'],
};

const VENDOR_ROLE_ACTIONS = {
  admin: ['account.read', 'account.operate', 'account.manage', 'account.support', 'vendor.read', 'vendor.support', 'vendor.write'],
  support: ['account.read', 'account.support', 'vendor.read', 'vendor.support'],
} as const satisfies Record<string, readonly Action[]>;

/**
 * The one authorization check, called by every route. An account the caller may not act for
 * answers 404 (never a hint that it exists); a known account with too small a role answers 403.
 */
export function authorize(actor: Actor, action: AccountAction, accountId: string): Access;
export function authorize(actor: Actor, action: VendorAction, accountId?: null): Access;
export function authorize(actor: Actor, action: Action, accountId: string | null = null): Access {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'sign in first');
  if (actor.kind === 'system') return { accountId, role: 'system', partnerAccountId: null };
  const isVendorAction = action.startsWith('vendor.');

  if (actor.kind === 'user' && actor.vendorRole) {
    const allowed: readonly Action[] = VENDOR_ROLE_ACTIONS[actor.vendorRole];
    if (!allowed.includes(action)) throw new AppError('forbidden', `the vendor ${actor.vendorRole} role may not do this`);
    return { accountId, role: actor.vendorRole === 'admin' ? 'vendor-admin' : 'vendor-support', partnerAccountId: null };
  }
  if (isVendorAction || accountId === null) throw new AppError('not_found', 'not found');

  const grant = grantFor(actor, accountId);
  if (!grant) throw new AppError('not_found', 'not found');
  if (!ACCOUNT_ROLE_ACTIONS[grant.role].includes(action as AccountAction)) {
    throw new AppError('forbidden', `the ${grant.role} role may not do this in this account`);
  }
  return { accountId, role: grant.role, partnerAccountId: grant.partnerAccountId ?? null };
}

/** True when the actor may act for the account at all (used to list, never to allow). */
export function canSee(actor: Actor, accountId: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'user' && actor.vendorRole) return true;
  return grantFor(actor, accountId) !== undefined;
}

function grantFor(actor: Actor, accountId: string): AccountGrant | undefined {
  if (actor.kind === 'token') return actor.accountId === accountId ? { role: actor.role, via: 'membership' } : undefined;
  if (actor.kind === 'user') return actor.grants.get(accountId);
  return undefined;
}
