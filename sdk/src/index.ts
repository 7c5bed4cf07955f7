export { verifyLicenseFile, type VerifyLicenseOptions } from './verify-license-file.js';
export { verifySignedFile, type SignedFileOptions, type SignedFileResult } from './signed-file.js';
export { canonicalJson } from './canonical-json.js';
export {
  activate,
  fetchSigningKeys,
  validate,
  type ActivateRequest,
  type ActivateResult,
  type SigningKeysResult,
  type ValidateRequest,
  type ValidateResult,
  type ValidationCode,
} from './online.js';
export { DEFAULT_TIMEOUT_MS, type OnlineFailure, type OnlineOptions } from './http.js';
export {
  LICENSE_FILE_FORMAT,
  type Jwk,
  type Jwks,
  type LicenseFile,
  type LicensePayload,
  type VerifyCode,
  type VerifyResult,
} from './types.js';
