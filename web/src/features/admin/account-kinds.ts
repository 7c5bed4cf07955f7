import type { CreateAccountRequest } from '../../api/types';

/** The kinds of account a vendor admin creates; the one vendor account exists from the start. */
export const CREATABLE_ACCOUNT_KINDS: Array<{ value: CreateAccountRequest['kind']; label: string }> = [
  { value: 'customer', label: 'Customer' },
  { value: 'partner', label: 'Channel partner' },
  { value: 'oem', label: 'OEM' },
];

export const ACCOUNT_ROLES = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
] as const;
