import { Outlet } from 'react-router';
import { ErrorState } from '../../components/query-states';
import { PageLayout } from '../../components/page-layout';
import { useOptionalCurrentAccount } from './account-context';
import { ApiError } from '../../api/api-error';

/** The pages of one account; an account the person may not act for looks like no account at all. */
export function AccountLayout() {
  const account = useOptionalCurrentAccount();
  if (!account) {
    return (
      <PageLayout title="Account not found">
        <ErrorState error={new ApiError({ status: 404, code: 'not_found', message: 'Not found.' })} />
      </PageLayout>
    );
  }
  return <Outlet />;
}
