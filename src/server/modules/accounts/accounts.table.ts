export interface AccountsTable {
  id: string;
  name: string;
  kind: 'vendor' | 'customer' | 'partner' | 'oem';
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface MembershipsTable {
  account_id: string;
  user_id: string;
  role: 'admin' | 'member' | 'viewer' | 'support';
  created_at: string;
}

export interface DelegationsTable {
  customer_account_id: string;
  partner_account_id: string;
  source: 'order' | 'grant';
  granted_at: string;
}

export interface AccountsTables {
  accounts: AccountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  delegations: DelegationsTable;
}
