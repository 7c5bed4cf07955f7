export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  /** The actor as a person reads it (an e-mail, a token's name, `system`), kept even if the user goes. */
  actor_label: string | null;
  /** The account the change was made in (or for). */
  account_id: string | null;
  /** Set when a partner acted on a customer's behalf: both identities are recorded. */
  partner_account_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: string | null;
  ip: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
