import type { Db } from '../../db/database.js';
import type { CustomFieldValuesTable, CustomFieldsTable } from './license-management.table.js';

/** Custom field definitions and the values held against licenses. */
export const customFieldsRepository = {
  listFields(db: Db, accountId: string): Promise<CustomFieldsTable[]> {
    // In the order they were made; two made in the same millisecond, by name.
    return db.selectFrom('custom_fields').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('name').execute();
  },

  async insertField(db: Db, row: CustomFieldsTable): Promise<boolean> {
    const result = await db
      .insertInto('custom_fields')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  countFields(db: Db, accountId: string): Promise<number> {
    return db
      .selectFrom('custom_fields')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  async upsertValue(db: Db, row: CustomFieldValuesTable): Promise<void> {
    await db
      .insertInto('custom_field_values')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['license_id', 'field_id']).doUpdateSet({ value: row.value, value_norm: row.value_norm, value_number: row.value_number, updated_at: row.updated_at }),
      )
      .execute();
  },

  async deleteValue(db: Db, licenseId: string, fieldId: string): Promise<void> {
    await db.deleteFrom('custom_field_values').where('license_id', '=', licenseId).where('field_id', '=', fieldId).execute();
  },

  valuesOfLicense(db: Db, licenseId: string) {
    return db
      .selectFrom('custom_field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['f.name', 'f.type', 'v.value'])
      .where('v.license_id', '=', licenseId)
      .execute();
  },
};
