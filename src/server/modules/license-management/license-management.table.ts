export interface CustomFieldsTable {
  id: string;
  account_id: string;
  /** `^[a-z][a-z0-9_]{0,39}$`, unique in its account. */
  name: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'choice';
  /** JSON array of the allowed values of a `choice` field; null otherwise. */
  choices: string | null;
  required: number;
  created_at: string;
}

export interface CustomFieldValuesTable {
  license_id: string;
  field_id: string;
  /** The field's account (the license's owner): searches stay inside one account. */
  account_id: string;
  /** Canonical for the type: a number as `String(n)`, a date as `YYYY-MM-DD`, a choice as defined. */
  value: string;
  /** Lowercase `value`, what filters and free-text search compare. */
  value_norm: string;
  /** Set for number fields, so they sort as numbers. */
  value_number: number | null;
  updated_at: string;
}

export interface LicenseSharesTable {
  id: string;
  license_id: string;
  owner_account_id: string;
  recipient_user_id: string;
  permission: 'view' | 'manage';
  created_by: string | null;
  created_at: string;
}

/** A user's saved list query (filters, sort, visible columns) in one account. */
export interface LicenseViewsTable {
  id: string;
  account_id: string;
  user_id: string;
  name: string;
  /** JSON object of query parameters. */
  query: string;
  /** JSON array of the ids of the columns the view hides. */
  columns: string;
  created_at: string;
}

export interface LicenseManagementTables {
  custom_fields: CustomFieldsTable;
  custom_field_values: CustomFieldValuesTable;
  license_shares: LicenseSharesTable;
  license_views: LicenseViewsTable;
}
