import type { Db } from '../../db/database.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './webhooks.table.js';

export const webhooksRepository = {
  async insertEndpoint(tx: Db, row: WebhookEndpointsTable): Promise<void> {
    await tx.insertInto('webhook_endpoints').values(row).execute();
  },

  listEndpoints(db: Db, accountId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db.selectFrom('webhook_endpoints').selectAll().where('account_id', '=', accountId).where('deleted_at', 'is', null);
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  findEndpoint(db: Db, accountId: string, id: string): Promise<WebhookEndpointsTable | undefined> {
    return db.selectFrom('webhook_endpoints').selectAll().where('account_id', '=', accountId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  },

  async updateEndpoint(tx: Db, accountId: string, id: string, changes: Partial<Omit<WebhookEndpointsTable, 'id' | 'account_id'>>): Promise<boolean> {
    const r = await tx.updateTable('webhook_endpoints').set(changes).where('account_id', '=', accountId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The enabled endpoints of several accounts, for the events of a batch. */
  enabledEndpointsOf(db: Db, accountIds: string[]) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('webhook_endpoints')
      .select(['id', 'account_id', 'url', 'event_types'])
      .where('account_id', 'in', accountIds)
      .where('enabled', '=', 1)
      .where('deleted_at', 'is', null)
      .execute();
  },

  async insertDeliveries(tx: Db, rows: WebhookDeliveriesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('webhook_deliveries').values(rows.slice(i, i + 500)).execute();
  },

  findDelivery(db: Db, accountId: string, id: string) {
    return db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .selectAll('d')
      .select('e.url')
      .where('d.account_id', '=', accountId)
      .where('d.id', '=', id)
      .executeTakeFirst();
  },

  listDeliveries(db: Db, accountId: string, opts: { endpointId?: string | undefined; status?: WebhookDeliveriesTable['status'] | undefined; before?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .selectAll('d')
      .select('e.url')
      .where('d.account_id', '=', accountId);
    if (opts.endpointId) q = q.where('d.endpoint_id', '=', opts.endpointId);
    if (opts.status) q = q.where('d.status', '=', opts.status);
    if (opts.before) q = q.where('d.id', '<', opts.before);
    return q.orderBy('d.id', 'desc').limit(opts.limit).execute();
  },

  /**
   * Records one attempt and its outcome. Only a queued delivery moves: a delivery that another
   * attempt already settled stays as it is.
   */
  async recordAttempt(tx: Db, attempt: WebhookAttemptsTable, outcome: Pick<WebhookDeliveriesTable, 'status' | 'attempts' | 'last_status_code' | 'last_error' | 'next_attempt_at' | 'delivered_at'>): Promise<void> {
    await tx.insertInto('webhook_attempts').values(attempt).execute();
    await tx.updateTable('webhook_deliveries').set(outcome).where('id', '=', attempt.delivery_id).where('status', '=', 'queued').execute();
  },

  attemptsOf(db: Db, deliveryId: string) {
    return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
  },
};
