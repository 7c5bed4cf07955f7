import { Badge, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
import { FormError } from '../../components/form-error';
import { PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import type { SsoDomain } from './security.api';
import { useClaimSsoDomain, useRemoveSsoDomain, useSsoDomains, useVerifySsoDomain } from './security.hooks';

/** E-mail domains whose people sign in through the provider, once a DNS record proves the domain is yours. */
export function SsoDomainsSection({ accountId }: { accountId: string }) {
  const domains = useSsoDomains(accountId);
  const claim = useClaimSsoDomain(accountId);
  const verify = useVerifySsoDomain(accountId);
  const remove = useRemoveSsoDomain(accountId);
  const [domain, setDomain] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    claim.mutate(domain.trim(), { onSuccess: () => setDomain('') });
  };
  const column = createColumnHelper<SsoDomain>();
  const columns = [
    column.accessor('domain', { header: 'Domain' }),
    column.accessor('verified', {
      header: 'State',
      cell: (info) =>
        info.getValue() ? (
          <Badge color="green" variant="light">
            Verified
          </Badge>
        ) : (
          <Badge color="yellow" variant="light">
            Waiting for DNS
          </Badge>
        ),
    }),
    column.accessor('dnsRecord', {
      header: 'TXT record to publish',
      cell: ({ row }) => (
        <Stack gap={2}>
          <Code>{row.original.dnsRecord.name}</Code>
          <Code>{row.original.dnsRecord.value}</Code>
        </Stack>
      ),
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) => (
        <Group gap="xs" wrap="nowrap">
          {row.original.verified ? null : (
            <Button
              size="xs"
              variant="light"
              loading={verify.isPending && verify.variables === row.original.domain}
              onClick={() => verify.mutate(row.original.domain)}
            >
              Check DNS
            </Button>
          )}
          <ConfirmAction
            label="Remove"
            ariaLabel={`Remove ${row.original.domain}`}
            title={`Remove ${row.original.domain}?`}
            message="People with addresses at this domain no longer go to your identity provider when they sign in."
            confirmLabel="Remove domain"
            onConfirm={() => remove.mutateAsync(row.original.domain)}
          />
        </Group>
      ),
    }),
  ];
  const fieldError = isApiError(claim.error) ? claim.error.fieldErrors().domain : undefined;

  return (
    <PageSection title="E-mail domains">
      <Text size="sm" c="dimmed">
        People whose e-mail is at a verified domain are sent to your identity provider when they sign in, and
        only for these domains does the portal take the provider&apos;s word for who someone is.
      </Text>
      <form onSubmit={onSubmit} aria-label="Add an e-mail domain">
        {fieldError ? null : <FormError error={claim.error} />}
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Domain"
            placeholder="example.com"
            required
            value={domain}
            onChange={(event) => setDomain(event.currentTarget.value)}
            error={fieldError}
            style={{ flex: '1 1 240px' }}
          />
          <Button type="submit" loading={claim.isPending}>
            Add domain
          </Button>
        </Group>
      </form>
      <FormError error={verify.error} />
      <QueryState query={domains} loadingLabel="Loading domains…">
        {() =>
          domains.data!.items.length === 0 ? (
            <EmptyState title="No domains yet">Add the domain of your work e-mail addresses.</EmptyState>
          ) : (
            <DataTable
              caption="E-mail domains"
              data={domains.data!.items}
              columns={columns}
              getRowId={(d) => d.domain}
              minWidth={760}
            />
          )
        }
      </QueryState>
    </PageSection>
  );
}
