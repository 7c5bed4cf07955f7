import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, importJWK, type JWK } from 'jose';

/**
 * Verifying a license file the way a third party would, with nothing of the portal's code: the
 * RFC 8785 bytes of a license payload (flat strings, numbers, string arrays, nulls) are its JSON
 * with keys sorted and no whitespace.
 */
export function canonicalPayload(payload: unknown): Buffer {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return Buffer.from(JSON.stringify(sort(payload)), 'utf8');
}

interface SignedFile {
  payload: unknown;
  kid: string;
  signature: string;
}

function keyOf(jwks: { keys: JWK[] }, kid: string): JWK {
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) throw new Error(`kid ${kid} is not in the JWKS`);
  return jwk;
}

/** jose reads the JWK; WebCrypto checks the Ed25519 signature over the canonical bytes. */
export async function verifyWithJose(file: SignedFile, jwks: { keys: JWK[] }): Promise<boolean> {
  const key = (await importJWK(keyOf(jwks, file.kid), 'EdDSA')) as webcrypto.CryptoKey;
  return webcrypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(file.signature, 'base64url'), canonicalPayload(file.payload));
}

/** The OpenSSL command line, as docs/license-files.md shows it. */
export async function verifyWithOpenssl(file: SignedFile, jwks: { keys: JWK[] }): Promise<boolean> {
  const key = (await importJWK(keyOf(jwks, file.kid), 'EdDSA', { extractable: true })) as webcrypto.CryptoKey;
  const dir = mkdtempSync(join(tmpdir(), 'lp-verify-'));
  try {
    writeFileSync(join(dir, 'key.pem'), await exportSPKI(key));
    writeFileSync(join(dir, 'payload.json'), canonicalPayload(file.payload));
    writeFileSync(join(dir, 'signature.bin'), Buffer.from(file.signature, 'base64url'));
    execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'payload.json', '-sigfile', 'signature.bin'], { cwd: dir, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
