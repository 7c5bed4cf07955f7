import { compiledInsert } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import type { RegistrationsTable } from './licenses.table.js';

/** Support registrations (SPEC §5 step 4): who the customer is and who receives keys. */
export const registrationsRepository = {
  async insertRegistration(db: Db, row: RegistrationsTable): Promise<void> {
    await insertRegistrations(db, [row]);
  },

  findRegistration(db: Db, accountId: string, id: string): Promise<RegistrationsTable | undefined> {
    return db.selectFrom('registrations').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** The account's latest registration: step 4 starts from it. */
  lastRegistration(db: Db, accountId: string): Promise<RegistrationsTable | undefined> {
    return db.selectFrom('registrations').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },
};

const insertRegistrations = compiledInsert('registrations');
