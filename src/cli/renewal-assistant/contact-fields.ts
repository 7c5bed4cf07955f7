/**
 * The contact questions and their flags, without their checks: `main` declares the flags from
 * here without loading the prompts and schemas that only `add` needs.
 */
export type ContactKey = 'customerOrganization' | 'customerAddress' | 'customerCountry' | 'customerEmail' | 'technicalName' | 'technicalEmail' | 'technicalPhone';

export interface ContactQuestion {
  key: ContactKey;
  flag: string;
  label: string;
  placeholder: string;
  optional?: boolean;
}

export const CONTACT_QUESTIONS: readonly ContactQuestion[] = [
  { key: 'customerOrganization', flag: '--customer-organization', label: 'Customer organization', placeholder: 'Acme Corp' },
  { key: 'customerAddress', flag: '--customer-address', label: 'Customer address', placeholder: '1 Main Street, Springfield' },
  { key: 'customerCountry', flag: '--customer-country', label: 'Customer country', placeholder: 'United States' },
  { key: 'customerEmail', flag: '--customer-email', label: 'Customer e-mail for reminders (optional, Enter for none)', placeholder: 'none', optional: true },
  { key: 'technicalName', flag: '--technical-name', label: 'Technical contact: name', placeholder: 'Alice Able' },
  { key: 'technicalEmail', flag: '--technical-email', label: 'Technical contact: e-mail', placeholder: 'alice@acme.example' },
  { key: 'technicalPhone', flag: '--technical-phone', label: 'Technical contact: phone', placeholder: '+1 555 0100' },
];

/** `--customer-organization` … `--technical-phone`, as commander hands them over. */
export type ContactFlags = Partial<Record<ContactKey, string>>;
