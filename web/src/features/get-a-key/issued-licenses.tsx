import { Button, Card, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { TIssuedLicense } from '../../../../src/contracts/licenses';

/** Step 6: each key with copy and download, as the customer needs them for the product. */
export function IssuedLicenses({ licenses, deliveredTo }: { licenses: TIssuedLicense[]; deliveredTo: string | null }) {
  return (
    <Stack gap="md">
      {deliveredTo ? (
        <Text size="sm" c="dimmed">
          The key and license file were also sent by e-mail to {deliveredTo}.
        </Text>
      ) : null}
      {licenses.map((license) => (
        <Card key={license.id} withBorder padding="md" aria-label={`License for ${license.productName}`}>
          <Stack gap="xs">
            <Text fw={600}>
              {license.productName} — {license.quantity} {license.unit}
              {license.quantity === 1 ? '' : 's'}
              {license.hostId ? ` on host ${license.hostId}` : ''}
            </Text>
            <Group gap="sm" wrap="wrap">
              <Text size="sm">License key</Text>
              <Code fz="md" data-testid="license-key">
                {license.licenseKey}
              </Code>
              <CopyButton value={license.licenseKey}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy key'}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" onClick={() => downloadLicenseFile(license)}>
                Download license file
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function downloadLicenseFile(license: TIssuedLicense): void {
  const blob = new Blob([JSON.stringify(license.file, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${license.productSku.toLowerCase()}-${license.version}.lic`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
