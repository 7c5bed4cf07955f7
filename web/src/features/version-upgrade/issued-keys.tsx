import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { IssuedLicenses } from '../get-a-key/issued-licenses';
import type { UpgradeResult } from './version-upgrade.api';

/** Step 7: the new keys and files (shown as Get a Key shows them), also e-mailed to the technical contact. */
export function IssuedKeys({ result, onAgain }: { result: UpgradeResult; onAgain: () => void }) {
  const revoked = result.revokedLicenseIds.length;
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" role="status" title="Upgrade done">
        The keys and license files were e-mailed to {result.deliveredTo}.
        {revoked > 0
          ? ` The ${revoked === 1 ? 'license' : `${revoked} licenses`} traded in ${revoked === 1 ? 'was' : 'were'} revoked.`
          : ''}
      </Alert>
      <Title order={2} size="h4">
        Your new licenses
      </Title>
      <IssuedLicenses licenses={result.licenses} deliveredTo={null} />
      {result.keptLicenses.length > 0 ? (
        <>
          <Title order={2} size="h4">
            Units kept on the old version
          </Title>
          <IssuedLicenses licenses={result.keptLicenses} deliveredTo={null} />
        </>
      ) : null}
      <Group>
        <Button variant="default" onClick={onAgain}>
          Upgrade more
        </Button>
      </Group>
    </Stack>
  );
}
