import { NavLink } from '@mantine/core';
import { Link, useMatch } from 'react-router';

/** A navigation link that says which page is the current one, to eyes and screen readers alike. */
export function NavItem({ to, label, onNavigate }: { to: string; label: string; onNavigate?: () => void }) {
  const isActive = useMatch({ path: to, end: false }) !== null;
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={isActive}
      aria-current={isActive ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
}
