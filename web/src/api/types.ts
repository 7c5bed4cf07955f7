/**
 * Wire shapes of the portal API used by the web app (SPEC §13), taken from the server's own
 * contracts so the two cannot drift apart. Request bodies use the schemas' input types, answers
 * their output types. Only type information crosses over: nothing of zod reaches the bundle.
 */
import type { z } from 'zod';
import type {
  ZAccountCreate,
  ZAccountUser,
  ZAccountUserAdd,
  ZDelegation,
  ZPartnerCustomer,
  ZUserCreate,
  TAccount,
  TAdminUser,
} from '../../../src/contracts/accounts';
import type { TAuditRecord, TOutboxMessage, ZAuditQuery, ZPublicConfig } from '../../../src/contracts/admin';
import type {
  TApiToken,
  TMe,
  TMeAccount,
  TUser,
  ZApiTokenCreated,
  ZLoginBody,
  ZPasswordResetRequest,
  ZSetPasswordWithToken,
} from '../../../src/contracts/auth';
import type { TAccountKind, TRole } from '../../../src/contracts/common';
import type { TErrorDetail, TErrorEnvelope } from '../../../src/contracts/errors';
import type {
  TRecoveryCodes,
  TTotpEnrollment,
  TTwoFactorStatus,
  ZLoginSecondFactor,
  ZSecondFactorRequired,
  ZSignedIn,
  ZTotpConfirm,
} from '../../../src/contracts/two-factor';

/** Every list endpoint answers one page and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ErrorDetail = TErrorDetail;
export type ErrorEnvelope = TErrorEnvelope;

export type PublicConfig = z.infer<typeof ZPublicConfig>;

export type User = TUser;
export type AccountKind = TAccountKind;
export type AccountRole = TRole;

/** An account the signed-in user may act for: by membership, or for a customer by delegation. */
export type AccountAccess = TMeAccount;
export type Me = TMe;

export type LoginRequest = z.input<typeof ZLoginBody>;
/** A session; `twoFactorEnrollmentRequired` when it may only enrol a second factor for now. */
export type SignedIn = z.infer<typeof ZSignedIn>;
/** The password was right and the user has an authenticator app: the code comes next. */
export type SecondFactorRequired = z.infer<typeof ZSecondFactorRequired>;
export type LoginResponse = SignedIn | SecondFactorRequired;
export type LoginSecondFactor = z.input<typeof ZLoginSecondFactor>;
export type TwoFactorStatus = TTwoFactorStatus;
export type TotpEnrollment = TTotpEnrollment;
export type TotpConfirm = z.input<typeof ZTotpConfirm>;
export type RecoveryCodes = TRecoveryCodes;
export type PasswordResetRequest = z.input<typeof ZPasswordResetRequest>;
export type SetPasswordWithToken = z.input<typeof ZSetPasswordWithToken>;

export type AccountUser = z.infer<typeof ZAccountUser>;
export type AddAccountUserRequest = z.input<typeof ZAccountUserAdd>;
export type ApiToken = TApiToken;
/** The answer to creating a token: the only time its secret is ever shown. */
export type CreatedApiToken = z.infer<typeof ZApiTokenCreated>;
export type Delegation = z.infer<typeof ZDelegation>;
export type PartnerCustomer = z.infer<typeof ZPartnerCustomer>;

export type AdminAccount = TAccount;
export type CreateAccountRequest = z.input<typeof ZAccountCreate>;
/** SPEC §13: `POST /admin/accounts` answers `{id, name, kind}`. */
export type CreatedAccount = Pick<TAccount, 'id' | 'name' | 'kind'>;
export type AdminUser = TAdminUser;
export type CreateUserRequest = z.input<typeof ZUserCreate>;

export type AuditEntry = TAuditRecord;
export type AuditFilters = Pick<z.input<typeof ZAuditQuery>, 'actor' | 'account' | 'action' | 'from' | 'to'>;

export type OutboxMessage = TOutboxMessage;
export type OutboxStatus = TOutboxMessage['status'];
