/** An in-app alert of an account: a reminder, or a notice such as a renewal. */
export interface AlertsTable {
  id: string;
  account_id: string;
  kind: 'reminder' | 'renewed' | 'test';
  contract_id: string | null;
  reminder_id: string | null;
  serial_number: string | null;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface AlertsTables {
  alerts: AlertsTable;
}
