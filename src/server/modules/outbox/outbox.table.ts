export interface OutboxTable {
  id: string;
  kind: string;
  account_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON array of {filename, contentType, contentBase64}. */
  attachments: string | null;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface OutboxTables {
  outbox: OutboxTable;
}
