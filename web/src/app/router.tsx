import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AccountUsersPage } from '../features/account-settings/users.page';
import { ApiTokensPage } from '../features/account-settings/api-tokens.page';
import { DelegationsPage } from '../features/account-settings/delegations.page';
import { PartnerCustomersPage } from '../features/account-settings/partner-customers.page';
import { AdminAccountsPage } from '../features/admin/accounts.page';
import { AdminAuditPage } from '../features/admin/audit.page';
import { AdminOutboxPage } from '../features/admin/outbox.page';
import { AdminUsersPage } from '../features/admin/users.page';
import { RequireVendor } from '../features/admin/require-vendor';
import { AcceptInvitationPage } from '../features/auth/accept-invitation.page';
import { ForgotPasswordPage } from '../features/auth/forgot-password.page';
import { RequireSession } from '../features/auth/require-session';
import { ResetPasswordPage } from '../features/auth/reset-password.page';
import { SignInPage } from '../features/auth/sign-in.page';
import { EnterpriseFlexiblePage } from '../features/enterprise-flexible/enterprise-flexible.page';
import { FileConnectPage } from '../features/fileconnect/fileconnect.page';
import { GetAKeyPage } from '../features/get-a-key/get-a-key.page';
import { AdminCatalogPage } from '../features/admin-sales/catalog.page';
import { AdminOrdersPage } from '../features/admin-sales/orders.page';
import { LicensesPage } from '../features/licenses/licenses.page';
import { MaintenancePage } from '../features/maintenance/maintenance.page';
import { AccountLayout } from '../features/shell/account.layout';
import { LandingRedirect, NoAccountPage, NotFoundPage } from '../features/shell/landing';
import { ShellLayout } from '../features/shell/shell.layout';
import { VersionUpgradePage } from '../features/version-upgrade/version-upgrade.page';
import { VoucherCenterPage } from '../features/voucher-center/voucher-center.page';
import { SecurityPage } from '../features/security/security.page';
import { SignInSettingsPage } from '../features/security/sign-in-settings.page';
import { SsoSignInPage } from '../features/security/sso-sign-in.page';
import { RouteError } from './route-error';

/** One entry per area; a feature replaces its page here without touching the rest. */
const accountRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="get-a-key" replace /> },
  { path: 'get-a-key', element: <GetAKeyPage /> },
  { path: 'version-upgrade', element: <VersionUpgradePage /> },
  { path: 'licenses', element: <LicensesPage /> },
  { path: 'enterprise-flexible', element: <EnterpriseFlexiblePage /> },
  { path: 'vouchers', element: <VoucherCenterPage /> },
  { path: 'fileconnect', element: <FileConnectPage /> },
  { path: 'maintenance', element: <MaintenancePage /> },
  { path: 'settings', element: <Navigate to="users" replace /> },
  { path: 'settings/users', element: <AccountUsersPage /> },
  { path: 'settings/api-tokens', element: <ApiTokensPage /> },
  { path: 'settings/sign-in', element: <SignInSettingsPage /> },
  { path: 'settings/delegations', element: <DelegationsPage /> },
  { path: 'settings/customers', element: <PartnerCustomersPage /> },
  { path: '*', element: <NotFoundPage /> },
];

const adminRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="accounts" replace /> },
  { path: 'accounts', element: <AdminAccountsPage /> },
  { path: 'users', element: <AdminUsersPage /> },
  { path: 'catalog', element: <AdminCatalogPage /> },
  { path: 'orders', element: <AdminOrdersPage /> },
  { path: 'audit', element: <AdminAuditPage /> },
  { path: 'outbox', element: <AdminOutboxPage /> },
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-in/sso', element: <SsoSignInPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'accept-invitation', element: <AcceptInvitationPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <ShellLayout />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <LandingRedirect /> },
              { path: 'no-account', element: <NoAccountPage /> },
              { path: 'security', element: <SecurityPage /> },
              { path: 'a/:accountId', element: <AccountLayout />, children: accountRoutes },
              { path: 'admin', element: <RequireVendor />, children: adminRoutes },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
