import type { z } from 'zod';
import { ZRenewalContacts, type TRenewalContacts } from '../../contracts/contracts.js';
import { CONTACT_QUESTIONS as FIELDS, type ContactFlags, type ContactKey, type ContactQuestion as ContactField } from './contact-fields.js';
import { CliError } from './errors.js';

/**
 * The support registration the portal asks for with `needsContacts` (SPEC §5 step 4, §11),
 * checked locally with the portal's own schema so a typo is told before anything is sent.
 */
export type Contacts = TRenewalContacts;
export type { ContactFlags };

const customer = ZRenewalContacts.shape.customerContact.shape;
const technical = ZRenewalContacts.shape.technicalContact.shape;

/** Each question's check: the portal's own schema for that field. */
const SCHEMAS: Record<ContactKey, z.ZodType> = {
  customerOrganization: customer.organization,
  customerAddress: customer.address,
  customerCountry: customer.country,
  customerEmail: customer.email,
  technicalName: technical.name,
  technicalEmail: technical.email,
  technicalPhone: technical.phone,
};

/** What is wrong with one answer, in the portal's words, or undefined. */
function faultOf(field: ContactField, value: string): string | undefined {
  if (field.optional && value.trim() === '') return undefined;
  const parsed = SCHEMAS[field.key].safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'is not valid');
}

function assemble(values: ContactFlags): Contacts {
  const parsed = ZRenewalContacts.parse({
    customerContact: {
      organization: values.customerOrganization,
      address: values.customerAddress,
      country: values.customerCountry,
      ...(values.customerEmail?.trim() ? { email: values.customerEmail } : {}),
    },
    technicalContact: { name: values.technicalName, email: values.technicalEmail, phone: values.technicalPhone },
  });
  return parsed;
}

/** Contacts from flags alone (no terminal to ask at): every required flag must be there and valid. */
export function contactsFromFlags(flags: ContactFlags, serials: string[]): Contacts {
  const missing = FIELDS.filter((f) => !f.optional && !flags[f.key]?.trim());
  if (missing.length > 0) {
    throw new CliError(
      'invalid_input',
      `the portal needs the customer and technical contact for ${serials.join(', ')}, and there is no terminal to ask at`,
      `give ${missing.map((f) => f.flag).join(', ')}`,
    );
  }
  for (const field of FIELDS) {
    const fault = faultOf(field, flags[field.key] ?? '');
    if (fault) throw new CliError('invalid_input', `${field.flag}: ${fault}`, 'nothing was sent to the portal');
  }
  return assemble(flags);
}

/** Ask for the contacts at the terminal, offering what the flags gave as the answers to accept. */
export async function promptContacts(flags: ContactFlags, serials: string[]): Promise<Contacts> {
  const prompts = await import('@clack/prompts');
  prompts.note(
    `The portal needs the support registration for ${serials.join(', ')}:\nthe customer, and the technical contact who receives keys and reminders.`,
    'Contact information',
  );
  const values: ContactFlags = {};
  for (const field of FIELDS) {
    const given = flags[field.key]?.trim();
    const answer = await prompts.text({
      message: field.label,
      placeholder: field.placeholder,
      ...(given ? { initialValue: given } : {}),
      validate: (value) => faultOf(field, value ?? ''),
    });
    if (prompts.isCancel(answer)) throw new CliError('cancelled', 'cancelled: nothing was sent to the portal');
    // An empty answer comes back undefined.
    values[field.key] = (answer ?? '').trim();
  }
  return assemble(values);
}
