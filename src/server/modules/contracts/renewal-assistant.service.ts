import type { TRenewalContacts, TRenewalLookup, TRenewalLookupResult } from '../../../contracts/contracts.js';
import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import { contractState, dateOf } from '../../../domain/reminders/index.js';
import type { Store } from '../../db/store.js';
import { AppError } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { registrationsRepository } from '../licenses/registrations.repository.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { settingsOf } from '../reminders/reminder-settings.js';
import { reminderSettingsRepository } from '../reminders/reminder-settings.repository.js';
import { maintenanceRepository, type ContractRow } from './maintenance.repository.js';

/** Serials a token may look up in vain per hour: enough for typos, too few to guess serials. */
const MISSES_PER_HOUR = 60;

type Entry = TRenewalLookupResult['results'][number];

/**
 * `POST /renewal-assistant/lookup` (SPEC §11, §13): the Renewal Assistant looks its contracts up
 * with an API token of the account. A serial of another account answers exactly as an unknown one;
 * a mistyped serial is a result with its error, not a failed request. Where a contract's support
 * registration lacks contacts the answer says so, and contacts sent along are stored for it.
 */
export class RenewalAssistantService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; limiter: RateLimiter }) {}

  async lookup(ctx: RequestContext, input: TRenewalLookup): Promise<TRenewalLookupResult> {
    const { actor } = ctx;
    if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'send an API token of the account: Authorization: Bearer …');
    if (actor.kind !== 'token') throw new AppError('forbidden', 'the Renewal Assistant uses an API token of the account (Authorization: Bearer …)');
    const accountId = actor.accountId;
    const access = authorize(actor, input.contacts ? 'account.operate' : 'account.read', accountId);
    const { db } = this.deps.store;

    const parsed = input.serialNumbers.map((typed, i) => parseSerialNumber(typed, { field: `serialNumbers.${i}`, kinds: ['M'] }));
    const serials = parsed.flatMap((p) => (p.ok ? [p.value] : []));
    const rows = new Map((await maintenanceRepository.findBySerials(db, serials, accountId)).map((r) => [r.serial_number, r]));
    const misses = serials.filter((s) => !rows.has(s)).length;
    if (misses > 0) await this.deps.limiter.consume('renewal-lookup-miss', actor.tokenId, { limit: MISSES_PER_HOUR, windowSeconds: 3600 }, misses);

    const registered = await this.contracted([...rows.values()], accountId);
    const lacking = [...rows.values()].filter((r) => !registered.has(r.id));
    if (input.contacts && lacking.length > 0) {
      await this.storeContacts(ctx, accountId, access.partnerAccountId, lacking, input.contacts);
      for (const r of lacking) registered.add(r.id);
    }

    const schedule = settingsOf(await reminderSettingsRepository.find(db, accountId)).schedule;
    const today = dateOf(this.deps.clock.now());
    const results = parsed.map((p, i): Entry => {
      if (!p.ok) return { ...notFoundEntry(input.serialNumbers[i]!), error: { code: 'validation_failed', message: p.message } };
      const row = rows.get(p.value);
      if (!row) return notFoundEntry(p.value);
      return {
        serialNumber: row.serial_number,
        found: true,
        product: { sku: row.sku, name: row.product_name, productLine: row.product_line, version: row.version },
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        state: contractState({ endsAt: row.ends_at, renewed: row.renewed_by_id !== null }, today),
        needsContacts: !registered.has(row.id),
        schedule,
      };
    });
    return { results };
  }

  /** The contracts whose support registration has a technical contact to write to. */
  private async contracted(rows: ContractRow[], accountId: string): Promise<Set<string>> {
    const registrationOf = (r: ContractRow) => r.registration_id ?? r.entitlement_registration_id;
    const ids = [...new Set(rows.map(registrationOf).filter((id): id is string => id !== null))];
    const withContact = new Set((await maintenanceRepository.findRegistrations(this.deps.store.db, accountId, ids)).filter((r) => r.technical_email.trim() !== '').map((r) => r.id));
    return new Set(rows.filter((r) => withContact.has(registrationOf(r) ?? '')).map((r) => r.id));
  }

  private async storeContacts(ctx: RequestContext, accountId: string, partnerAccountId: string | null, contracts: ContractRow[], contacts: TRenewalContacts): Promise<void> {
    const now = this.deps.clock.now();
    const registrationId = newId('registration', now);
    await this.deps.store.transaction(async (tx) => {
      await registrationsRepository.insertRegistration(tx, {
        id: registrationId,
        account_id: accountId,
        customer_contact: JSON.stringify(contacts.customerContact),
        technical_contact: JSON.stringify(contacts.technicalContact),
        technical_email: contacts.technicalContact.email,
        created_at: now.toISOString(),
      });
      await maintenanceRepository.setRegistration(tx, accountId, contracts.map((c) => c.id), registrationId);
      await this.deps.audit.record(tx, ctx, {
        action: 'maintenance_contract.contacts_registered',
        accountId,
        partnerAccountId,
        targetType: 'registration',
        targetId: registrationId,
        data: { serialNumbers: contracts.map((c) => c.serial_number), technicalEmail: contacts.technicalContact.email },
      });
    });
  }
}

function notFoundEntry(serialNumber: string): Entry {
  return { serialNumber, found: false, product: null, startsAt: null, endsAt: null, state: null, needsContacts: false, schedule: null };
}
