import type { Db } from '../../db/database.js';
import type { AccountReminderSettings } from './reminder-settings.js';
import { recipientsRepository } from './recipients.repository.js';

export interface RecipientQuery {
  accountId: string;
  /** The contract's support registration: its own (Renewal Assistant) or its certificate line's. */
  registrationId: string | null;
}

const push = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * The e-mail addresses of each reminder (SPEC §11): the account's admins, the registration's
 * technical contact and (where it has an e-mail) customer contact, the delegated partners'
 * admins, and extra addresses, as the account chose. Each address once, in that order.
 */
export async function resolveRecipients(db: Db, queries: RecipientQuery[], settings: Map<string, AccountReminderSettings>): Promise<string[][]> {
  const wants = (key: 'admins' | 'partner' | 'technicalContact' | 'customerContact') =>
    [...new Set(queries.map((q) => q.accountId))].filter((a) => settings.get(a)?.recipients[key]);
  const registrationIds = [...new Set(queries.map((q) => q.registrationId).filter((r): r is string => r !== null))];

  const [admins, partnerAdmins, registrations] = await Promise.all([
    recipientsRepository.adminsOf(db, wants('admins')),
    recipientsRepository.partnerAdminsOf(db, wants('partner')),
    recipientsRepository.registrations(db, registrationIds),
  ]);
  const adminsBy = new Map<string, string[]>();
  for (const a of admins) push(adminsBy, a.account_id, a.email);
  const partnersBy = new Map<string, string[]>();
  for (const p of partnerAdmins) push(partnersBy, p.account_id, p.email);
  const registrationBy = new Map(registrations.map((r) => [r.id, r]));

  return queries.map((q) => {
    const s = settings.get(q.accountId)!.recipients;
    const registration = q.registrationId ? registrationBy.get(q.registrationId) : undefined;
    // A registration of another account never receives this account's reminders.
    const ownRegistration = registration?.account_id === q.accountId ? registration : undefined;
    const addresses = [
      ...(s.admins ? (adminsBy.get(q.accountId) ?? []) : []),
      ...(s.technicalContact && ownRegistration ? [ownRegistration.technical_email] : []),
      ...(s.customerContact && ownRegistration ? customerEmail(ownRegistration.customer_contact) : []),
      ...(s.partner ? (partnersBy.get(q.accountId) ?? []) : []),
      ...s.extraAddresses,
    ];
    return [...new Set(addresses.filter(Boolean).map((a) => a.toLowerCase()))];
  });
}

/** SPEC §5's customer contact has no e-mail; one given through the Renewal Assistant is used. */
function customerEmail(customerContactJson: string): string[] {
  try {
    const email = (JSON.parse(customerContactJson) as { email?: unknown }).email;
    return typeof email === 'string' && email.includes('@') ? [email] : [];
  } catch {
    return [];
  }
}
