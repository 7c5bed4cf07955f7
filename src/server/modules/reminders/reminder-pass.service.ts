import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateOf, daysLeft, decideReminder, DEFAULT_SCHEDULE, EXPIRED_NOTICE_WINDOW_DAYS, maxLeadDays, type ReminderDecision } from '../../../domain/reminders/index.js';
import type { DispatchItem, ReminderDispatcher } from './reminder-dispatcher.js';
import { cursorOf, NO_MORE_REMINDERS, type ContractPlan, reminderPassRepository, type DueContract, type DueCursor, type DueGroup, type DueWindow, type LockedRows } from './reminder-pass.repository.js';
import { settingsByAccount } from './reminder-settings.js';
import { reminderSettingsRepository } from './reminder-settings.repository.js';
import type { RemindersTable } from './reminders.table.js';

/**
 * Contracts per transaction. Large, because each commit writes every page the batch touched and
 * due contracts lie scattered over the table (a page written by one commit and again by the next
 * is written twice, and checkpointed twice); small enough that the write lock is held for well
 * under a second.
 */
const BATCH = 2048;
/**
 * Contracts read and written at a time inside a batch's transaction. A chunk's rows and messages
 * are garbage before the next chunk is read, so they die young instead of piling up in the old
 * generation for the length of the transaction: the pass's memory follows the chunk, not the batch.
 */
const CHUNK = 256;
const RETRIES = 3;

/**
 * The periodic reminder pass (SPEC §11). It reads only contracts whose planned day has come or
 * that were never planned and end soon, decides each one's reminder with the domain's rule, and,
 * per batch in one transaction: reads and locks the batch, records the reminders (the unique key
 * turns a twin into a no-op), queues the messages of those just recorded, and sets each
 * contract's next planned day. Any number of workers may run it at once, and a rerun after a
 * crash redoes only what did not commit.
 */
export class ReminderPass {
  constructor(private readonly deps: { store: Store; dispatcher: ReminderDispatcher; batchSize?: number }) {}

  /**
   * One pass as of `now`; answers how many reminders it recorded. With `waitForOthers` (an
   * operator's run) contracts another pass holds are waited for rather than left to that pass, so
   * that the answer covers every contract due, even if the other pass then fails.
   */
  async run(now: Date, options: { waitForOthers?: boolean } = {}): Promise<number> {
    const others: LockedRows = options.waitForOthers ? 'wait' : 'skip';
    const { db } = this.deps.store;
    const today = dateOf(now);
    const lookAhead = Math.max(maxLeadDays(DEFAULT_SCHEDULE), await reminderSettingsRepository.maxLeadDays(db));
    const window: DueWindow = { today, from: addDays(today, -EXPIRED_NOTICE_WINDOW_DAYS), to: addDays(today, lookAhead) };
    let recorded = 0;
    const failures: unknown[] = [];
    for (const group of ['unplanned', 'planned'] as DueGroup[]) {
      // A look outside any transaction first: on most ticks nothing is due, and then no write lock
      // is taken at all (on SQLite, writers wait for one another, however many workers tick).
      if ((await reminderPassRepository.dueBatch(db, this.deps.store.dialect, group, window, undefined, 1, others)).length === 0) continue;
      const restoreSettings = await reminderPassRepository.passSettings(db, this.deps.store.dialect);
      try {
        let after: DueCursor | undefined;
        for (;;) {
          const batch = await this.runBatch(group, window, after, now, failures, others);
          if (!batch) break;
          recorded += batch.recorded;
          after = batch.last;
          // SQLite answers synchronously: without a turn of the event loop between batches, a long
          // pass would hold off the process's timers and I/O to its end.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        await restoreSettings();
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `reminder pass: ${failures.length} contract(s) failed; the others were processed`);
    return recorded;
  }

  /**
   * The next batch of the group, in one transaction; null when the group has nothing more. A batch
   * that fails for a reason other than contention is redone one contract at a time, so a contract
   * with bad data holds up only itself; its error is reported when the pass ends.
   */
  private async runBatch(group: DueGroup, window: DueWindow, after: DueCursor | undefined, now: Date, failures: unknown[], others: LockedRows) {
    const { store } = this.deps;
    const batchSize = this.deps.batchSize ?? BATCH;
    // PostgreSQL reads a batch in one statement: several reads inside one transaction measured many
    // times slower there (800 s instead of 35 s for the 1,000,000-contract bench), cause not yet found.
    const chunkSize = store.dialect === 'postgres' ? batchSize : Math.min(batchSize, CHUNK);
    // Only the ids stay for the whole batch: what a failed batch needs to be redone contract by contract.
    let read: string[] = [];
    let last: DueCursor | undefined;
    try {
      return await this.withRetry(() =>
        store.transaction(async (tx) => {
          read = [];
          last = after;
          let recorded = 0;
          while (read.length < batchSize) {
            const limit = Math.min(chunkSize, batchSize - read.length);
            const chunk = await reminderPassRepository.dueBatch(tx, store.dialect, group, window, last, limit, others);
            if (chunk.length === 0) break;
            for (const c of chunk) read.push(c.id);
            last = cursorOf(group, chunk[chunk.length - 1]!);
            recorded += await this.plan(tx, chunk, window, now);
            if (chunk.length < limit) break;
          }
          return read.length === 0 ? null : { recorded, last: last! };
        }),
      );
    } catch (error) {
      if (read.length === 0) throw error;
      let recorded = 0;
      for (const id of read) {
        try {
          recorded += await this.withRetry(() => store.transaction(async (tx) => this.plan(tx, await reminderPassRepository.lockStillDue(tx, store.dialect, id, window, others), window, now)));
        } catch (one) {
          failures.push(one);
        }
      }
      return { recorded, last: last! };
    }
  }

  /** Inside the batch's transaction: records the contracts' due reminders, queues their messages, plans their next day. */
  private async plan(tx: Db, contracts: DueContract[], window: DueWindow, now: Date): Promise<number> {
    if (contracts.length === 0) return 0;
    const settings = settingsByAccount(
      new Set(contracts.map((c) => c.account_id)),
      await reminderSettingsRepository.forAccounts(tx, [...new Set(contracts.map((c) => c.account_id))]),
    );
    const at = now.toISOString();
    const reminders: RemindersTable[] = [];
    const plans: ContractPlan[] = [];
    // A batch's contracts share a few schedules and end dates: each pair is decided once.
    const decisions = new Map<string, ReminderDecision>();
    for (const c of contracts) {
      const { schedule } = settings.get(c.account_id)!;
      const key = `${schedule.leadDays.join(',')}/${schedule.dayOf}/${schedule.expired}/${c.ends_at}/${c.renewed_by_id !== null}`;
      let decision = decisions.get(key);
      if (!decision) decisions.set(key, (decision = decideReminder({ endsAt: c.ends_at, renewed: c.renewed_by_id !== null }, schedule, window.today)));
      plans.push({ id: c.id, endsAt: c.plan_ends_at, nextOn: decision.nextOn ?? NO_MORE_REMINDERS });
      if (!decision.due) continue;
      reminders.push({
        id: newId('reminder'),
        account_id: c.account_id,
        contract_id: c.id,
        serial_number: c.serial_number,
        product_name: c.product_name,
        stage: decision.due.stage,
        days_before: decision.due.daysBefore,
        ends_at: c.ends_at,
        due_on: decision.due.dueOn,
        days_left: daysLeft(c.ends_at, window.today),
        is_test: 0,
        created_at: at,
      });
    }
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const written = await reminderPassRepository.insertReminders(tx, reminders);
    const items: DispatchItem[] = reminders
      .filter((r) => written.has(r.id))
      .map((r) => {
        const c = byId.get(r.contract_id!)!;
        return {
          contractId: r.contract_id,
          registrationId: c.registration_id ?? c.entitlement_registration_id,
          facts: {
            reminderId: r.id,
            accountId: r.account_id,
            accountName: c.account_name,
            serialNumber: r.serial_number,
            entitlementSerialNumber: c.entitlement_serial_number,
            productName: c.product_name,
            productSku: c.sku,
            stage: r.stage,
            daysBefore: r.days_before,
            daysLeft: r.days_left,
            endsAt: r.ends_at,
            dueOn: r.due_on,
            isTest: false,
          },
        };
      });
    await this.deps.dispatcher.dispatch(tx, items, settings);
    await reminderPassRepository.setNextReminders(tx, plans);
    return items.length;
  }

  /** PostgreSQL may pick a batch as a deadlock victim or fail it on serialization: run it again. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= RETRIES || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }
}
