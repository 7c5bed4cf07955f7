import { asSentence, describeRateLimit, isApiError } from '../../api/api-error';

/** What to tell a person whose sign-in failed; field faults are shown next to their inputs. */
export function signInFailureMessage(error: unknown): string | null {
  if (!error) return null;
  if (!isApiError(error)) return 'Signing in failed. Try again.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'The e-mail address or password is not correct.';
    case 'rate_limited':
      return describeRateLimit(error.retryAfterSeconds);
    case 'validation_failed':
      return Object.keys(error.fieldErrors()).length > 0 ? null : asSentence(error.message);
    default:
      return error.status === 429 ? describeRateLimit(error.retryAfterSeconds) : asSentence(error.message);
  }
}

/** What to tell a person whose e-mailed link (password reset, invitation) did not work. */
export function linkFailureMessage(error: unknown): string | null {
  if (!isApiError(error)) return null;
  if (error.code === 'token_invalid' || 'token' in error.fieldErrors()) {
    return 'This link is not valid any more: it is unknown, was used already, or has expired.';
  }
  return null;
}

export function secondFactorFailureMessage(error: unknown): string | null {
  if (!error) return null;
  if (!isApiError(error)) return 'Checking the code failed. Try again.';
  if (error.status === 429) return describeRateLimit(error.retryAfterSeconds);
  const field = error.fieldErrors().code;
  return field ?? asSentence(error.message);
}
