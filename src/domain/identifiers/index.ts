export type { IdentifierFailure, IdentifierResult } from './result.js';
export { DAMM_TABLE, dammCheckDigit, isDammValid } from './damm.js';
export { isLuhn32Valid, luhn32CheckChar } from './luhn32.js';
export { CROCKFORD_ALPHABET, crockfordValue, normalizeCrockford, randomCrockford } from './crockford.js';
export {
  SERIAL_KINDS,
  formatSerialNumber,
  generateSerialNumber,
  isSerialNumber,
  parseSerialNumber,
  type ParseSerialNumberOptions,
  type SerialKind,
  type SerialNumberResult,
} from './serial-number.js';
export {
  formatNotificationId,
  generateNotificationId,
  parseNotificationId,
  type NotificationIdResult,
} from './notification-id.js';
export {
  VOUCHER_PREFIX,
  formatVoucherCode,
  generateVoucherCode,
  parseVoucherCode,
  type VoucherCodeResult,
} from './voucher-code.js';
export {
  formatLicenseKey,
  generateLicenseKey,
  parseLicenseKey,
  type LicenseKeyResult,
} from './license-key.js';
export { LETTER_NAMES, describeOtherIdentifier } from './recognize.js';
