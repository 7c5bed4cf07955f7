import { Outlet } from 'react-router';
import { useSession } from '../auth/require-session';
import { canSeeAdminArea } from '../auth/permissions';
import { NotFoundPage } from '../shell/landing';

/** The admin area exists only for vendor staff; to anyone else it is simply not there. */
export function RequireVendor() {
  const me = useSession();
  return canSeeAdminArea(me) ? <Outlet /> : <NotFoundPage />;
}
