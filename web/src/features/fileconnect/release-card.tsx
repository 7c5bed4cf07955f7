import {
  ActionIcon,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Spoiler,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { FormError } from '../../components/form-error';
import { formatDate } from '../../components/format';
import type { DownloadRelease, ReleaseFile } from './fileconnect.api';
import { formatSize } from './format-size';
import { useStartDownload } from './fileconnect.hooks';

/** One release: what entitles the account to it, its notes, and each file with size, checksum and a download button. */
export function ReleaseCard({ accountId, release }: { accountId: string; release: DownloadRelease }) {
  const download = useStartDownload(accountId);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`release-${release.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5" id={`release-${release.id}`}>
              {release.productName} {release.version}
            </Title>
            <Text size="xs" c="dimmed">
              Published {formatDate(release.createdAt)} · SKU {release.productSku}
            </Text>
          </Stack>
          {release.access === 'licensed' ? (
            <Badge variant="light" color="green">
              Licensed
            </Badge>
          ) : (
            <Badge
              variant="light"
              color="blue"
              title="A newer version than your licenses, available while your maintenance runs"
            >
              With maintenance
            </Badge>
          )}
        </Group>
        {release.notes ? (
          <Spoiler maxHeight={72} showLabel="Show all release notes" hideLabel="Show less">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {release.notes}
            </Text>
          </Spoiler>
        ) : null}
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <caption>
              <VisuallyHidden>
                Files of {release.productName} {release.version}
              </VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Size</Table.Th>
                <Table.Th scope="col">SHA-256</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Download</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {release.files.map((file) => (
                <FileRow
                  key={file.id}
                  file={file}
                  isStarting={download.isPending && download.variables === file.id}
                  onDownload={() => download.mutate(file.id)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <FormError error={download.error} />
      </Stack>
    </Paper>
  );
}

function FileRow({
  file,
  isStarting,
  onDownload,
}: {
  file: ReleaseFile;
  isStarting: boolean;
  onDownload: () => void;
}) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {file.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={`${file.size.toLocaleString()} bytes`}>
          {formatSize(file.size)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Code fz="xs" style={{ wordBreak: 'break-all' }} aria-label={`SHA-256 of ${file.name}`}>
            {file.sha256}
          </Code>
          <CopyButton value={file.sha256}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy the checksum'}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  onClick={copy}
                  aria-label={`Copy the SHA-256 of ${file.name}`}
                >
                  {copied ? '✓' : '⧉'}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      </Table.Td>
      <Table.Td>
        <Button size="xs" onClick={onDownload} loading={isStarting} aria-label={`Download ${file.name}`}>
          Download
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
