import { api } from '../client';
import type { RecoveryCodes, TotpConfirm, TotpEnrollment, TwoFactorStatus } from '../types';

export const fetchTwoFactorStatus = (signal?: AbortSignal) =>
  api.get<TwoFactorStatus>('/me/two-factor', undefined, signal);

/** A new secret for the authenticator app; it only counts once a code from the app confirms it. */
export const startTotpEnrolment = () => api.post<TotpEnrollment>('/me/two-factor/totp');

export const confirmTotpEnrolment = (body: TotpConfirm) =>
  api.post<RecoveryCodes>('/me/two-factor/totp/confirm', body);
