/**
 * Every failure the client expects (bad input, no login, an unreachable portal, a damaged file)
 * is a `CliError`: a code for `--json`, a sentence for people, and never a stack trace.
 */
export type CliErrorCode =
  | 'invalid_input'
  | 'not_logged_in'
  | 'portal_unreachable'
  | 'portal_refused'
  | 'portal_error'
  | 'not_found'
  | 'invalid_file'
  | 'state_busy'
  | 'state_damaged'
  | 'delivery_failed'
  | 'cancelled';

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** What to do next, printed under the message. */
    readonly hint?: string,
    /** The portal's HTTP status, when the portal answered. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const invalidInput = (message: string, hint?: string) => new CliError('invalid_input', message, hint);

/** The message of anything thrown, for the one place that prints failures. */
export function describeError(error: unknown): { code: string; message: string; hint?: string } {
  if (error instanceof CliError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal_error', message: `unexpected failure: ${message}` };
}
