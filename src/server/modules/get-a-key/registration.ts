import type { TRegistration } from '../../../contracts/get-a-key.js';
import { newId } from '../../platform/ids.js';
import type { RegistrationsTable } from '../licenses/licenses.table.js';

/** A support registration as stored: contacts as JSON, the technical e-mail on its own for lookups. */
export function registrationRow(accountId: string, registration: TRegistration, now: Date): RegistrationsTable {
  return {
    id: newId('registration', now),
    account_id: accountId,
    customer_contact: JSON.stringify(registration.customerContact),
    technical_contact: JSON.stringify(registration.technicalContact),
    technical_email: registration.technicalContact.email,
    created_at: now.toISOString(),
  };
}

export function toRegistrationView(row: RegistrationsTable): TRegistration {
  return {
    customerContact: JSON.parse(row.customer_contact) as TRegistration['customerContact'],
    technicalContact: JSON.parse(row.technical_contact) as TRegistration['technicalContact'],
  };
}
