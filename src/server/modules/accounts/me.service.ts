import type { Store } from '../../db/store.js';
import type { TMe } from '../../../contracts/auth.js';
import type { UserActor } from '../auth/actor.js';
import { accountsRepository } from './accounts.repository.js';

/** `GET /me`: who is signed in and every account they may act for, with the role there. */
export class MeService {
  constructor(private readonly store: Store) {}

  async describe(actor: UserActor, csrfToken: string | null): Promise<TMe> {
    const accounts = await accountsRepository.namesOf(this.store.db, [...actor.grants.keys()]);
    const list = [...actor.grants.entries()].flatMap(([id, grant]) => {
      const account = accounts.get(id);
      if (!account) return [];
      return [{ id, name: account.name, kind: account.kind, role: grant.role, via: grant.via, partnerAccountId: grant.partnerAccountId ?? null }];
    });
    list.sort((a, b) => Number(a.via === 'delegation') - Number(b.via === 'delegation') || a.name.localeCompare(b.name));
    return { user: { id: actor.userId, email: actor.email, name: actor.name }, vendorRole: actor.vendorRole, accounts: list, csrfToken };
  }
}
