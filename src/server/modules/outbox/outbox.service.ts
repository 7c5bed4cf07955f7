import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { MailAttachment, Mailer } from '../../platform/mailer.js';
import { outboxRepository } from './outbox.repository.js';
import type { OutboxTable } from './outbox.table.js';

export interface OutgoingMail {
  kind: string;
  accountId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  accountId: string | null;
  to: string;
  subject: string;
  text: string;
  status: OutboxTable['status'];
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
  attachments: string[];
}

const MAX_ATTEMPTS = 12;
const LEASE_SECONDS = 120;

/** Back-off between attempts: 30 s, 1 min, 2 min, … capped at one hour. */
export const retryDelaySeconds = (attempt: number): number => Math.min(30 * 2 ** Math.max(0, attempt - 1), 3600);

/**
 * The transactional outbox (SPEC §14): mail is written in the transaction of the change that
 * causes it and sent afterwards by the worker, so a rolled-back change sends nothing and a
 * committed one is never lost.
 */
export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mailer: Mailer | null,
    private readonly from: string,
  ) {}

  async enqueue(tx: Db, mail: OutgoingMail): Promise<string> {
    const row = this.rowOf(mail, this.clock.now().toISOString());
    await outboxRepository.insert(tx, row);
    return row.id;
  }

  /** Several messages at once (a batch of reminders), in as few statements as the database allows; answers their ids in order. */
  async enqueueMany(tx: Db, mails: OutgoingMail[]): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const rows = mails.map((mail) => this.rowOf(mail, now));
    await outboxRepository.insertMany(tx, rows);
    return rows.map((r) => r.id);
  }

  private rowOf(mail: OutgoingMail, now: string): OutboxTable {
    return {
      id: newId('outbox'),
      kind: mail.kind,
      account_id: mail.accountId ?? null,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      created_at: now,
      sent_at: null,
      last_error: null,
    };
  }

  /** Sends what is due; without SMTP_URL mail stays queued, readable at /admin/outbox. Returns the number sent. */
  async deliverDue(now: Date = this.clock.now(), batch = 100): Promise<number> {
    if (!this.mailer) return 0;
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();
    let sent = 0;
    for (const id of await outboxRepository.listDueIds(this.db, nowIso, batch)) {
      const row = await outboxRepository.claim(this.db, id, nowIso, until);
      if (!row) continue; // another worker has it
      try {
        await this.mailer.send({
          from: this.from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body ?? undefined,
          attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]) : undefined,
        });
        await outboxRepository.markSent(this.db, id, new Date().toISOString());
        sent++;
      } catch (error) {
        const attempt = row.attempts + 1;
        const next = attempt >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelaySeconds(attempt) * 1000).toISOString();
        await outboxRepository.markAttemptFailed(this.db, id, error instanceof Error ? error.message : String(error), next);
      }
    }
    return sent;
  }

  async list(opts: { cursor?: string | undefined; limit: number; accountId?: string | undefined; to?: string | undefined }) {
    const rows = await outboxRepository.list(this.db, { before: opts.cursor, limit: opts.limit + 1, accountId: opts.accountId, to: opts.to });
    return pageOf(rows.map(toOutboxMessage), opts.limit, (m) => m.id);
  }
}

function toOutboxMessage(row: OutboxTable): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    accountId: row.account_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
    attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]).map((a) => a.filename) : [],
  };
}
