import { Alert, Anchor, Code, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { buildUrl } from '../api/client';
import { path } from '../api/endpoints/path';

interface IssuedLicenseNoticeProps {
  title: string;
  /** What was issued, in a sentence. */
  children: ReactNode;
  license: { id: string; accountId: string; licenseKey: string };
  /** For tests that read the key back. */
  keyTestId?: string;
}

/** A license just issued: the key to copy and its signed file to download (a plain link, sent with the session). */
export function IssuedLicenseNotice({ title, children, license, keyTestId }: IssuedLicenseNoticeProps) {
  return (
    <Alert color="green" variant="light" role="status" title={title}>
      <Stack gap={4}>
        <Text size="sm">{children}</Text>
        <Text size="sm">
          License key: <Code data-testid={keyTestId}>{license.licenseKey}</Code>
        </Text>
        <Anchor size="sm" href={buildUrl(path`/accounts/${license.accountId}/licenses/${license.id}/file`)}>
          Download the license file
        </Anchor>
      </Stack>
    </Alert>
  );
}
