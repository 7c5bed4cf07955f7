import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../../api/types';
import { FullPageError, FullPageLoader } from '../../components/full-page-state';
import { TwoFactorEnrolmentPage } from '../two-factor/enrolment.page';
import { useMe } from './auth.hooks';
import { SIGN_IN_PATH } from './session.rules';

/** Renders its routes only for a signed-in person; others are sent to sign in and brought back. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  // The server answers nothing else to this session until a second factor is enrolled.
  if (me.data.signInRestriction === 'two_factor_enrollment') return <TwoFactorEnrolmentPage />;
  return <Outlet />;
}

/** The signed-in person, for components below `RequireSession`. */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession is used outside a signed-in part of the app.');
  return data;
}
