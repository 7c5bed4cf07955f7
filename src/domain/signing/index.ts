export { canonicalBytes, canonicalize, type JsonValue } from './canonical-json.js';
export {
  signDocument,
  verifyDocumentSignature,
  type SignedDocument,
  type SigningKey,
} from './signed-document.js';
export {
  LICENSE_FILE_FORMAT,
  signLicenseFile,
  type LicenseFile,
  type LicensePayload,
} from './license-file.js';
export {
  CONTRACT_FILE_FORMAT,
  signContractFile,
  type ContractFile,
  type ContractPayload,
  type ContractSchedule,
} from './contract-file.js';
export {
  buildJwks,
  generateSigningKeyPair,
  jwkThumbprint,
  jwkToPublicKey,
  kidOf,
  publicKeyToJwk,
  type Ed25519Jwk,
  type Jwks,
} from './jwks.js';
export { decryptPrivateKey, encryptPrivateKey } from './key-encryption.js';
