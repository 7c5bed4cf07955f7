import { Anchor, Badge, Button, Code, Drawer, Group, Select, SimpleGrid, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { formatDate, formatDateTime } from '../../components/format';
import { FormError } from '../../components/form-error';
import { LicenseHistory } from './license-history';
import { LicenseRehost } from './license-rehost';
import { LicenseShares } from './license-shares';
import { licenseFileUrl, type CustomField, type LicenseItem } from './licenses.api';
import { useSetCustomValues } from './licenses.hooks';

interface DrawerProps {
  accountId: string;
  license: LicenseItem;
  /** The account's own fields; a shared license shows its owner's values by name instead. */
  fields: CustomField[];
  canEdit: boolean;
  canShare: boolean;
  onClose: () => void;
}

/** One license: what it is, its custom values, who it is shared with, and its history. */
export function LicenseDrawer({ accountId, license, fields, canEdit, canShare, onClose }: DrawerProps) {
  const facts: [string, string][] = [
    ['Product', `${license.product.name} (${license.product.sku})`],
    ['Version', license.product.version],
    ['Quantity', String(license.quantity)],
    ['Host ID', license.hostId ?? '—'],
    ['Serial number', license.serialNumber ?? '—'],
    ['Issued', formatDateTime(license.issuedAt)],
    ['Expires', license.expiresAt ? formatDate(license.expiresAt) : 'Never'],
    ['Maintenance ends', license.maintenanceEndsAt ? `${formatDate(license.maintenanceEndsAt)} (${license.maintenance})` : 'No maintenance'],
  ];
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={
        <>
          {/* The title names the dialog for screen readers: "License <key>". */}
          <VisuallyHidden>License </VisuallyHidden>
          <Code fz="md">{license.licenseKey}</Code>
        </>
      }
    >
      <Stack gap="lg">
        <Group gap="xs">
          <Badge variant="light">{license.status}</Badge>
          {license.shared ? (
            <Badge variant="light" color="grape">
              Shared by {license.shared.fromAccount.name} ({license.shared.permission})
            </Badge>
          ) : null}
          <Anchor href={licenseFileUrl(accountId, license.id)} download size="sm">
            Download license file
          </Anchor>
        </Group>
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
          {facts.map(([label, value]) => (
            <Stack key={label} gap={0}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="sm">{value}</Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Section title="Custom fields">
          <CustomValuesForm accountId={accountId} license={license} fields={fields} canEdit={canEdit} />
        </Section>
        {/* Only a node-locked license has a host to move; a shared one, when shared to manage. */}
        {canEdit && license.hostId ? (
          <Section title="Re-host">
            <LicenseRehost accountId={accountId} license={license} />
          </Section>
        ) : null}
        {canShare && !license.shared ? (
          <Section title="Shared with">
            <LicenseShares accountId={accountId} licenseId={license.id} />
          </Section>
        ) : null}
        <Section title="History">
          <LicenseHistory accountId={accountId} licenseId={license.id} />
        </Section>
      </Stack>
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The values as inputs; only changed ones are sent. A shared license's fields are its owner's, edited as text. */
function CustomValuesForm({ accountId, license, fields, canEdit }: { accountId: string; license: LicenseItem; fields: CustomField[]; canEdit: boolean }) {
  const shown = license.shared
    ? Object.keys(license.customFields).map((name) => ({ name, label: name, type: 'text' as const, choices: null, required: false }))
    : fields;
  const initial = Object.fromEntries(shown.map((f) => [f.name, license.customFields[f.name] === undefined ? '' : String(license.customFields[f.name])]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const save = useSetCustomValues(accountId);
  if (shown.length === 0) return <Text size="sm" c="dimmed">No custom fields.</Text>;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const changed = Object.fromEntries(Object.entries(values).filter(([name, v]) => v !== initial[name]).map(([name, v]) => [name, v === '' ? null : v]));
    if (Object.keys(changed).length > 0) save.mutate({ licenseId: license.id, values: changed });
  };
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const set = (name: string) => (v: string | null) => setValues((current) => ({ ...current, [name]: v ?? '' }));
  return (
    <form onSubmit={onSubmit} aria-label="Custom fields">
      <Stack gap="xs">
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={save.error} />}
        <SimpleGrid cols={2} spacing="xs">
          {shown.map((f) =>
            f.type === 'choice' ? (
              <Select key={f.name} label={f.label} data={f.choices ?? []} value={values[f.name] || null} onChange={set(f.name)} clearable={!f.required} disabled={!canEdit} error={fieldErrors[`values.${f.name}`]} />
            ) : (
              <TextInput key={f.name} label={f.label} type={f.type === 'date' ? 'date' : 'text'} value={values[f.name] ?? ''} onChange={(e) => set(f.name)(e.currentTarget.value)} disabled={!canEdit} error={fieldErrors[`values.${f.name}`]} />
            ),
          )}
        </SimpleGrid>
        {canEdit ? (
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={save.isPending}>
              Save values
            </Button>
            {save.isSuccess ? (
              <Text size="xs" c="teal" role="status">
                Saved
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
