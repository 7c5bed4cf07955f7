import { Fieldset, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { TRegistration } from '../../../src/contracts/get-a-key';

/**
 * The support registration (SPEC §5 step 4, §6 step 6): who the customer is, and the technical
 * contact who receives keys and files. Shared by Get a Key and Version Upgrade; the page owns the
 * values and submits them as `registration`.
 */
export type RegistrationValues = TRegistration;

export const EMPTY_REGISTRATION: RegistrationValues = {
  customerContact: { organization: '', address: '', country: '' },
  technicalContact: { name: '', email: '', phone: '' },
};

interface RegistrationFormProps {
  value: RegistrationValues;
  onChange: (value: RegistrationValues) => void;
  /** Field faults from the server, keyed by the request's dotted field (`registration.technicalContact.email`). */
  errors?: Record<string, string>;
  disabled?: boolean;
}

export function RegistrationForm({ value, onChange, errors = {}, disabled }: RegistrationFormProps) {
  const customer = <K extends keyof RegistrationValues['customerContact']>(key: K, text: string) =>
    onChange({ ...value, customerContact: { ...value.customerContact, [key]: text } });
  const technical = <K extends keyof RegistrationValues['technicalContact']>(key: K, text: string) =>
    onChange({ ...value, technicalContact: { ...value.technicalContact, [key]: text } });
  const error = (field: string) => errors[`registration.${field}`];
  return (
    <Stack gap="md">
      <Fieldset legend="Customer contact" disabled={disabled}>
        <Stack gap="sm">
          <TextInput
            label="Organization"
            required
            autoComplete="organization"
            value={value.customerContact.organization}
            onChange={(e) => customer('organization', e.currentTarget.value)}
            error={error('customerContact.organization')}
          />
          <Textarea
            label="Address"
            required
            autosize
            minRows={2}
            autoComplete="street-address"
            value={value.customerContact.address}
            onChange={(e) => customer('address', e.currentTarget.value)}
            error={error('customerContact.address')}
          />
          <TextInput
            label="Country"
            required
            autoComplete="country-name"
            value={value.customerContact.country}
            onChange={(e) => customer('country', e.currentTarget.value)}
            error={error('customerContact.country')}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend="Technical contact (receives the keys and license files)" disabled={disabled}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Technical contact name"
            required
            autoComplete="name"
            value={value.technicalContact.name}
            onChange={(e) => technical('name', e.currentTarget.value)}
            error={error('technicalContact.name')}
          />
          <TextInput
            label="Technical contact e-mail"
            type="email"
            required
            autoComplete="email"
            value={value.technicalContact.email}
            onChange={(e) => technical('email', e.currentTarget.value)}
            error={error('technicalContact.email')}
          />
          <TextInput
            label="Technical contact phone"
            type="tel"
            required
            autoComplete="tel"
            value={value.technicalContact.phone}
            onChange={(e) => technical('phone', e.currentTarget.value)}
            error={error('technicalContact.phone')}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
