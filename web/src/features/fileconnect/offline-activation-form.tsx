import { Button, FileInput, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../components/form-error';
import type { LicenseFile, OfflineActivationRequest } from './fileconnect.api';
import { useOfflineActivation } from './fileconnect.hooks';

/**
 * Offline activation (SPEC §12): the product writes a request file, a person uploads it here and
 * takes the answered host-bound license file back to the product.
 */
export function OfflineActivationForm({ accountId, licenseId }: { accountId: string; licenseId: string }) {
  const activation = useOfflineActivation(accountId, licenseId);
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setReadError(null);
    setSaved(null);
    let request: OfflineActivationRequest;
    try {
      request = JSON.parse(await file.text()) as OfflineActivationRequest;
    } catch {
      setReadError(`${file.name} is not an activation request file (it is not JSON).`);
      return;
    }
    const licenseFile = await activation.mutateAsync(request).catch(() => null);
    if (licenseFile) setSaved(saveLicenseFile(licenseFile, request.hostId));
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text fw={600}>Activate offline</Text>
        <Text size="sm" c="dimmed">
          Upload the activation request file the product wrote; you get back the license file for that host to
          copy to it.
        </Text>
        <Group align="flex-end">
          <FileInput
            label="Activation request file"
            placeholder="Choose a file"
            accept=".json,.req,application/json"
            value={file}
            onChange={setFile}
            clearable
            w={320}
          />
          <Button onClick={() => void submit()} disabled={!file} loading={activation.isPending}>
            Activate and download
          </Button>
        </Group>
        {readError ? <FormError error={new Error(readError)} /> : <FormError error={activation.error} />}
        {saved ? (
          <Text size="sm" role="status">
            Saved {saved}. Copy it to the host and point the product at it.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Hands the answered file to the browser as a download; returns its name. */
function saveLicenseFile(licenseFile: LicenseFile, hostId: string): string {
  const name = `license-${hostId.replace(/[^A-Za-z0-9._-]+/g, '_')}.lic`;
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(licenseFile, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
  return name;
}
