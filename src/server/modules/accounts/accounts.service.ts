import type { Store } from '../../db/store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { TAccountKind, TRole } from '../../../contracts/common.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import type { CredentialsService } from '../auth/credentials.service.js';
import type { PasswordHasher } from '../auth/passwords.js';
import { accountsRepository } from './accounts.repository.js';
import type { AccountsTable } from './accounts.table.js';

export interface AccountsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  passwords: PasswordHasher;
  credentials: CredentialsService;
}

export interface AccountView {
  id: string;
  name: string;
  kind: TAccountKind;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  password?: string | undefined;
  memberships: { accountId: string; role: TRole }[];
}

const ROLES_BY_KIND: Record<TAccountKind, readonly TRole[]> = {
  vendor: ['admin', 'support'],
  customer: ['admin', 'member', 'viewer'],
  partner: ['admin', 'member', 'viewer'],
  oem: ['admin', 'member', 'viewer'],
};

/** Accounts, users and their memberships (SPEC §1). */
export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  async createAccount(ctx: RequestContext, input: { name: string; kind: TAccountKind }): Promise<AccountView> {
    authorize(ctx.actor, 'vendor.write');
    if (input.kind === 'vendor') throw fieldError('kind', 'there is one vendor account; create customer, partner or oem accounts');
    return this.deps.store.transaction((tx) => this.insertAccount(tx, ctx, input));
  }

  /** For the command line and demo data: no vendor check (the caller is trusted). */
  insertAccountStandalone(ctx: RequestContext, input: { name: string; kind: TAccountKind }): Promise<AccountView> {
    return this.deps.store.transaction((tx) => this.insertAccount(tx, ctx, input));
  }

  /** Inside a caller's transaction (orders create customer accounts, vouchers end customers). */
  async insertAccount(tx: Db, ctx: RequestContext, input: { name: string; kind: TAccountKind }): Promise<AccountView> {
    const now = this.deps.clock.now();
    const row: AccountsTable = { id: newId('account', now), name: input.name, kind: input.kind, created_at: now.toISOString() };
    await accountsRepository.insertAccount(tx, row);
    await this.deps.audit.record(tx, ctx, { action: 'account.created', accountId: row.id, targetType: 'account', targetId: row.id, data: { name: row.name, kind: row.kind } });
    return toAccountView(row);
  }

  async getAccount(ctx: RequestContext, accountId: string): Promise<AccountView> {
    authorize(ctx.actor, 'account.read', accountId);
    const row = await accountsRepository.findAccount(this.deps.store.db, accountId);
    if (!row) throw notFound('account');
    return toAccountView(row);
  }

  async listAccounts(ctx: RequestContext, opts: { q?: string | undefined; kind?: string | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'vendor.read');
    const rows = await accountsRepository.listAccounts(this.deps.store.db, { q: opts.q, kind: opts.kind, after: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toAccountView), opts.limit, (a) => a.id);
  }

  async createUser(ctx: RequestContext, input: NewUser): Promise<{ id: string }> {
    authorize(ctx.actor, 'vendor.write');
    const passwordHash = input.password ? await this.deps.passwords.hash(input.password) : null;
    return this.deps.store.transaction(async (tx) => {
      const accounts = await accountsRepository.namesOf(tx, input.memberships.map((m) => m.accountId));
      input.memberships.forEach((m, i) => {
        const account = accounts.get(m.accountId);
        if (!account) throw fieldError(`memberships.${i}.accountId`, 'no such account');
        if (!ROLES_BY_KIND[account.kind].includes(m.role)) {
          throw fieldError(`memberships.${i}.role`, `a ${account.kind} account has the roles ${ROLES_BY_KIND[account.kind].join(', ')}`);
        }
      });
      if (await accountsRepository.findUserByEmail(tx, input.email)) throw new AppError('conflict', 'a user with this e-mail exists already');
      const now = this.deps.clock.now();
      const id = newId('user', now);
      await accountsRepository.insertUser(tx, { id, email: input.email, name: input.name, password_hash: passwordHash, created_at: now.toISOString(), disabled_at: null });
      for (const m of input.memberships) {
        await accountsRepository.upsertMembership(tx, { account_id: m.accountId, user_id: id, role: m.role, created_at: now.toISOString() });
      }
      await this.deps.audit.record(tx, ctx, { action: 'user.created', accountId: input.memberships[0]?.accountId ?? null, targetType: 'user', targetId: id, data: { email: input.email, memberships: input.memberships } });
      if (!passwordHash) {
        const first = accounts.get(input.memberships[0]?.accountId ?? '');
        await this.deps.credentials.invite(tx, { id, email: input.email, name: input.name }, first?.name ?? 'the portal');
      }
      return { id };
    });
  }

  async listUsers(ctx: RequestContext, opts: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'vendor.read');
    const { db } = this.deps.store;
    const rows = await accountsRepository.listUsers(db, { q: opts.q, after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (u) => u.id);
    const memberships = await accountsRepository.membershipsOfUsers(db, page.items.map((u) => u.id));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        createdAt: u.created_at,
        memberships: memberships.filter((m) => m.user_id === u.id).map((m) => ({ accountId: m.account_id, accountName: m.account_name, role: m.role })),
      })),
    };
  }

  async listAccountUsers(ctx: RequestContext, accountId: string, opts: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const rows = await accountsRepository.listAccountMembers(this.deps.store.db, accountId, { after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.user_id);
    return { nextCursor: page.nextCursor, items: page.items.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role })) };
  }

  /** An account admin adds a user to their account (inviting them when new). */
  async addAccountUser(ctx: RequestContext, accountId: string, input: { email: string; name: string; role: 'admin' | 'member' | 'viewer' }) {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    return this.deps.store.transaction(async (tx) => {
      const account = await accountsRepository.findAccount(tx, accountId);
      if (!account || account.kind === 'vendor') throw notFound('account');
      const now = this.deps.clock.now();
      let user = await accountsRepository.findUserByEmail(tx, input.email);
      if (!user) {
        user = { id: newId('user', now), email: input.email, name: input.name, password_hash: null, created_at: now.toISOString(), disabled_at: null };
        await accountsRepository.insertUser(tx, user);
        await this.deps.credentials.invite(tx, user, account.name);
      }
      await accountsRepository.upsertMembership(tx, { account_id: accountId, user_id: user.id, role: input.role, created_at: now.toISOString() });
      await this.deps.audit.record(tx, ctx, { action: 'membership.set', accountId, partnerAccountId: access.partnerAccountId, targetType: 'user', targetId: user.id, data: { email: input.email, role: input.role } });
      return { userId: user.id, email: user.email, name: user.name, role: input.role };
    });
  }
}

export function toAccountView(row: AccountsTable): AccountView {
  return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at };
}

