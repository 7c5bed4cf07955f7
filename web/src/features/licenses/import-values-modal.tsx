import { Button, FileInput, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/form-error';
import { useImportCustomValues } from './licenses.hooks';

/**
 * Custom values from a CSV file: a licenseKey column and one column per field (an exported list
 * imports back as it is). The report names every refused row and why.
 */
export function ImportValuesModal({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const importValues = useImportCustomValues(accountId);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (file) importValues.mutate(await file.text());
  };
  const report = importValues.data;
  return (
    <Modal opened onClose={onClose} title="Import custom values" centered size="lg">
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Import custom values">
        <Stack gap="sm">
          <Text size="sm">
            A CSV file with a <code>licenseKey</code> column and one column per custom field. An empty cell leaves that value as it is; a row with a fault changes nothing.
          </Text>
          <FormError error={importValues.error} />
          <FileInput label="CSV file" accept=".csv,text/csv" value={file} onChange={setFile} required clearable />
          {report ? (
            <Stack gap={4} role="status">
              <Text size="sm" fw={600}>
                {report.updated} {report.updated === 1 ? 'row' : 'rows'} imported, {report.rejected.length} refused.
              </Text>
              <List size="sm" spacing={2}>
                {report.rejected.slice(0, 50).map((r) => (
                  <List.Item key={r.row}>
                    Row {r.row}: {r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={importValues.isPending} disabled={!file}>
              Import
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
