import type { TAccountKind, TRole } from '../../src/contracts/common.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import type { TestPortal } from './portal.js';
import { TEST_PASSWORD } from './portal.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
const system = { actor: systemActor('test'), ip: null };

/** Data for a test, made through the services, with overrides; never shared between tests. */
export function factories(portal: TestPortal) {
  const { container } = portal;
  return {
    async account(kind: TAccountKind = 'customer', name = `${kind} ${unique()}`) {
      return container.accounts.insertAccountStandalone(system, { name, kind });
    },
    async user(memberships: { accountId: string; role: TRole }[], email = `user-${unique()}@example.test`) {
      const { id } = await container.accounts.createUser(system, { email, name: `User ${email}`, password: TEST_PASSWORD, memberships });
      return { id, email };
    },
    async vendorAccountId() {
      const page = await container.accounts.listAccounts({ actor: systemActor(), ip: null }, { kind: 'vendor', limit: 1 });
      return page.items[0]!.id;
    },
    async delegate(customerAccountId: string, partnerAccountId: string) {
      await container.store.transaction((tx) => container.delegations.record(tx, system, customerAccountId, partnerAccountId, 'grant'));
    },
  };
}
