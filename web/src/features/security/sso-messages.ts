import type { TSsoErrorCode } from '../../../../src/contracts/sso';

/** What the sign-in page says when the identity provider's answer did not sign the person in. */
const MESSAGES: Record<TSsoErrorCode, string> = {
  sign_in_expired: 'That sign-in took too long or was started in another browser. Please start again.',
  provider_refused: 'Your identity provider did not sign you in. Please try again, or ask your IT team.',
  provider_unreachable: 'Your identity provider could not be reached. Please try again in a few minutes.',
  id_token_invalid:
    'The answer from your identity provider could not be trusted, so you were not signed in. Please ask your IT team to check the single sign-on settings.',
  email_missing: 'Your identity provider did not confirm your e-mail address. Please ask your IT team.',
  domain_not_verified:
    'Your e-mail address is not in a domain your organization has verified for single sign-on.',
  not_a_member:
    'You are not a member of this organization in the portal yet. Please ask its administrator to add you.',
  user_disabled: 'Your portal user is disabled. Please contact support.',
};

export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return (MESSAGES as Record<string, string>)[code] ?? 'Single sign-on did not complete. Please start again.';
}
