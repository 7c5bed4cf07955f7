import { z } from 'zod';

/**
 * The closed list of error codes the API answers with (SPEC §13), and the status each maps to.
 * Adding a code means adding it here; nothing else decides a status.
 */
export const ERROR_STATUS = {
  /** Malformed or mistyped input; `details` names each field. */
  validation_failed: 400,
  /** No session or token, or an expired one. */
  unauthenticated: 401,
  /** E-mail and password do not match a user. */
  invalid_credentials: 401,
  /** Signed in, allowed to see the account, but the role does not allow this action. */
  forbidden: 403,
  /** The account signs in through its identity provider only: password sign-in is refused. */
  sso_required: 403,
  /** The session may only enrol a second factor until one is enrolled (required of this user). */
  two_factor_enrollment_required: 403,
  /** A cookie-authenticated unsafe request without the session's CSRF token. */
  csrf_token_invalid: 403,
  /** A signed download link past its expiry: ask the portal for a new one. */
  link_expired: 403,
  /** Not there, or not visible to the caller: the two are never told apart. */
  not_found: 404,
  /** A state conflict: the thing exists already or is in the wrong state. */
  conflict: 409,
  /** The first request with this Idempotency-Key is still running. */
  idempotency_request_in_progress: 409,
  pool_exhausted: 409,
  voucher_already_redeemed: 409,
  too_many_activations: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A Range header none of whose bytes exist in the file; Content-Range names the size. */
  range_not_satisfiable: 416,
  /** The same Idempotency-Key was sent with a different request. */
  idempotency_key_reused: 422,
  rehost_limit_reached: 422,
  quantity_exceeds_eligible: 422,
  voucher_not_redeemable: 422,
  contract_not_active: 422,
  /** Activating a license that is revoked or expired. */
  license_not_active: 422,
  /** Activating a node-locked license on another host than its own (re-host it first). */
  host_mismatch: 422,
  /** A one-time link (invitation, password reset) that is unknown, used or expired. */
  token_invalid: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ZErrorDetail = z.object({
  field: z.string().describe('the input field, dotted path (`lines.0.quantity`)'),
  message: z.string(),
});
export type TErrorDetail = z.infer<typeof ZErrorDetail>;

/** The one error envelope of every non-2xx answer. */
export const ZErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ZErrorDetail).optional(),
  }),
});
export type TErrorEnvelope = z.infer<typeof ZErrorEnvelope>;
