import { Button, Group, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { IssuedLicenseNotice } from '../../components/issued-license-notice';
import type { RedeemRequest } from './vouchers.api';
import { useEndCustomers, useRedeemVoucher } from './vouchers.hooks';
import { checkVoucherCode } from './voucher-code-check';

type Who = 'new' | 'existing';

/** Converts a voucher into a license for an end customer, new (created and invited) or one converted for before. */
export function RedeemForm({ accountId }: { accountId: string }) {
  const [typed, setTyped] = useState('');
  const [left, setLeft] = useState(false);
  const [who, setWho] = useState<Who>('new');
  const [existing, setExisting] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [contactName, setContactName] = useState('');
  const [email, setEmail] = useState('');
  const [hostId, setHostId] = useState('');
  const endCustomers = useEndCustomers(accountId);
  const redeem = useRedeemVoucher(accountId);
  const check = checkVoucherCode(typed);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setLeft(true);
    if (check.kind !== 'valid') return;
    const endCustomer: RedeemRequest['endCustomer'] =
      who === 'existing' && existing
        ? { accountId: existing }
        : { name: name.trim(), contact: { name: contactName.trim(), email: email.trim() } };
    redeem.mutate(
      { code: check.code, endCustomer, ...(hostId.trim() ? { hostId: hostId.trim() } : {}) },
      { onSuccess: () => setTyped('') },
    );
  };

  const fieldErrors = isApiError(redeem.error) ? redeem.error.fieldErrors() : {};
  const codeError = check.kind === 'typo' && (left || check.complete) ? check.message : fieldErrors.code;
  const done = redeem.data;
  return (
    <form onSubmit={onSubmit} aria-label="Redeem a voucher">
      <Stack gap="sm">
        {done ? (
          <IssuedLicenseNotice
            title="Voucher redeemed"
            license={done.license}
            keyTestId="redeemed-license-key"
          >
            {done.voucher.code} is now a license of {done.license.productName} for {done.endCustomer.name}
            {done.endCustomer.created ? ', whose contact was invited to the portal' : ''}. The key was
            e-mailed to them.
          </IssuedLicenseNotice>
        ) : null}
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={redeem.error} />}
        <TextInput
          label="Voucher code"
          placeholder="V-XXXX-XXXX-XXXX-XXXX"
          required
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          onBlur={() => setLeft(true)}
          error={codeError}
          description={
            check.kind === 'valid' ? `Reads as ${check.code}` : 'Case, spaces and dashes do not matter.'
          }
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Radio.Group label="End customer" value={who} onChange={(value) => setWho(value as Who)}>
          <Group mt={4}>
            <Radio value="new" label="A new customer" />
            <Radio
              value="existing"
              label="One you converted for before"
              disabled={endCustomers.items.length === 0}
            />
          </Group>
        </Radio.Group>
        {who === 'existing' ? (
          <Select
            label="Customer"
            required
            searchable
            data={endCustomers.items.map((c) => ({ value: c.accountId, label: c.name }))}
            value={existing}
            onChange={setExisting}
            error={fieldErrors['endCustomer.accountId']}
          />
        ) : (
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Organization"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldErrors['endCustomer.name']}
              style={{ flex: '1 1 220px' }}
            />
            <TextInput
              label="Contact name"
              required
              value={contactName}
              onChange={(e) => setContactName(e.currentTarget.value)}
              error={fieldErrors['endCustomer.contact.name']}
              style={{ flex: '1 1 180px' }}
            />
            <TextInput
              label="Contact e-mail"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors['endCustomer.contact.email']}
              style={{ flex: '1 1 220px' }}
            />
          </Group>
        )}
        <TextInput
          label="Host ID"
          description="Only for node-locked products: the host ID the product shows"
          value={hostId}
          onChange={(e) => setHostId(e.currentTarget.value)}
          error={fieldErrors.hostId}
        />
        <Group>
          <Button type="submit" loading={redeem.isPending}>
            Redeem
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
