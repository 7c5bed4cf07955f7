import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { TEndCustomer } from '../../../contracts/vouchers.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import type { CredentialsService } from '../auth/credentials.service.js';
import type { DeliveryRecipient } from '../licenses/license-delivery.js';

/** Who receives the converted license's key by e-mail. */
export interface EndCustomer {
  accountId: string;
  name: string;
  created: boolean;
  recipients: DeliveryRecipient[];
}

/** Keys of an existing account go to its admins; a handful is enough. */
const MAX_RECIPIENTS = 5;

/**
 * The end customer of a voucher conversion: an existing customer account, or a new one made in
 * the redemption's transaction with its contact as admin (invited by e-mail when they are new to
 * the portal), so a rolled-back redemption leaves no account behind.
 */
export class EndCustomers {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; accounts: AccountsService; credentials: CredentialsService }) {}

  async resolve(tx: Db, ctx: RequestContext, named: TEndCustomer): Promise<EndCustomer> {
    if ('accountId' in named) {
      const account = (await accountsRepository.findAccount(tx, named.accountId))!;
      const admins = await accountsRepository.membersWithRole(tx, account.id, ['admin']);
      return { accountId: account.id, name: account.name, created: false, recipients: admins.slice(0, MAX_RECIPIENTS).map((a) => ({ name: a.name, email: a.email })) };
    }
    const account = await this.deps.accounts.insertAccount(tx, ctx, { name: named.name, kind: 'customer' });
    const now = this.deps.clock.now().toISOString();
    let user = await accountsRepository.findUserByEmail(tx, named.contact.email);
    if (!user) {
      user = { id: newId('user', this.deps.clock.now()), email: named.contact.email, name: named.contact.name, password_hash: null, created_at: now, disabled_at: null };
      await accountsRepository.insertUser(tx, user);
      await this.deps.credentials.invite(tx, user, account.name);
    }
    await accountsRepository.upsertMembership(tx, { account_id: account.id, user_id: user.id, role: 'admin', created_at: now });
    await this.deps.audit.record(tx, ctx, { action: 'membership.set', accountId: account.id, targetType: 'user', targetId: user.id, data: { email: user.email, role: 'admin' } });
    return { accountId: account.id, name: account.name, created: true, recipients: [{ name: named.contact.name, email: named.contact.email }] };
  }
}
