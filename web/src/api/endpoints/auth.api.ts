import { api, setCsrfToken } from '../client';
import type {
  LoginRequest,
  LoginResponse,
  LoginSecondFactor,
  Me,
  PasswordResetRequest,
  PublicConfig,
  SetPasswordWithToken,
  SignedIn,
} from '../types';

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/me', undefined, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function login(body: LoginRequest): Promise<LoginResponse> {
  const answer = await api.post<LoginResponse>('/auth/login', body);
  if ('csrfToken' in answer) setCsrfToken(answer.csrfToken);
  return answer;
}

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
export async function loginWithSecondFactor(body: LoginSecondFactor): Promise<SignedIn> {
  const answer = await api.post<SignedIn>('/auth/login/totp', body);
  setCsrfToken(answer.csrfToken);
  return answer;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export const requestPasswordReset = (body: PasswordResetRequest) =>
  api.post<void>('/auth/password-reset', body);

export const confirmPasswordReset = (body: SetPasswordWithToken) =>
  api.post<void>('/auth/password-reset/confirm', body);

export const acceptInvitation = (body: SetPasswordWithToken) =>
  api.post<void>('/auth/invitations/accept', body);

export const fetchPublicConfig = (signal?: AbortSignal) =>
  api.get<PublicConfig>('/config/public', undefined, signal);
