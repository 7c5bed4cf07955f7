import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Small secrets the portal must read back (an identity provider's client secret, a TOTP seed),
 * sealed at rest with AES-256-GCM under a key derived from PORTAL_SECRET by HKDF-SHA256.
 * Stored as `s1.<iv>.<tag>.<ciphertext>` (base64url). `purpose` is bound in as associated data,
 * so a sealed client secret can never be opened as a TOTP seed or the other way round.
 * (Signing keys have their own scheme in domain/signing/key-encryption.ts.)
 */
const VERSION = 's1';
const INFO = 'lp sealed secret s1';

export type SealPurpose = 'oidc-client-secret' | 'totp-seed';

export interface SecretSealer {
  seal(purpose: SealPurpose, plain: string): string;
  open(purpose: SealPurpose, sealed: string): string;
}

export function secretSealer(masterSecret: string): SecretSealer {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.alloc(0), INFO, 32));
  const aad = (purpose: SealPurpose) => Buffer.from(`${VERSION}:${purpose}`, 'utf8');
  return {
    seal(purpose, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(purpose));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(purpose, sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined)
        throw new Error('sealed secret: unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: 16,
      });
      decipher.setAAD(aad(purpose));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error('sealed secret: cannot open (wrong PORTAL_SECRET, or the stored value was altered)');
      }
    },
  };
}
