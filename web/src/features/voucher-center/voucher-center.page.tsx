import { Stack } from '@mantine/core';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState } from '../../components/query-states';
import { canOperateLicenses } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { BatchesTable } from './batches-table';
import { RedeemForm } from './redeem-form';
import { ConversionHistory, VouchersTable } from './vouchers-table';

/** Voucher Center (SPEC §9): an OEM's batches and vouchers, their conversion into end customers' licenses. */
export function VoucherCenterPage() {
  const account = useCurrentAccount();
  const isOem = account.kind === 'oem';
  return (
    <PageLayout
      title="Voucher Center"
      description="Convert vouchers into licenses for your end customers; each voucher converts once."
    >
      {!isOem ? (
        <EmptyState title="Vouchers belong to OEM accounts">
          Switch to an OEM account to see its vouchers and convert them.
        </EmptyState>
      ) : (
        <Stack gap="xl">
          {canOperateLicenses(account) ? (
            <PageSection title="Redeem a voucher">
              <RedeemForm accountId={account.id} />
            </PageSection>
          ) : null}
          <PageSection title="Batches">
            <BatchesTable accountId={account.id} />
          </PageSection>
          <PageSection title="Vouchers">
            <VouchersTable accountId={account.id} />
          </PageSection>
          <PageSection title="Conversion history">
            <ConversionHistory accountId={account.id} />
          </PageSection>
        </Stack>
      )}
    </PageLayout>
  );
}
