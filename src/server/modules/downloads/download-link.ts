import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a signed download link grants: one file, for one account, until `expiresAt`. */
export interface DownloadGrant {
  fileId: string;
  accountId: string;
  /** The file's SHA-256 (a prefix of it, once in a token) when the link was made: a replaced file does not resume into other bytes. */
  sha256: string;
  /** Who asked for the link (user or token id), recorded with each download. */
  requestedBy: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export type LinkCheck = { ok: true; grant: DownloadGrant } | { ok: false; reason: 'invalid' | 'expired'; expiresAt?: number };

const VERSION = 'd1';
/** Ids are `prefix_` and lower-case base32: they never hold the separator. */
const PART = /^[a-z0-9_]+$/;
/** 64 bits of the file's hash tell a replaced file apart; the whole token stays short enough for a URL path. */
const HASH_CHARS = 16;
const MAC_BYTES = 16;

/**
 * Download link tokens: `d1.<fileId>.<accountId>.<sha256 prefix>.<expiry, base 36>.<requester or ->.<mac>`,
 * the mac a 128-bit HMAC-SHA256 under a key derived from the portal secret. Stateless, so any
 * instance checks any link, and no part of a link can be changed without the mac failing.
 */
export class DownloadLinkSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'licensing-portal', 'download-links-v1', 32));
  }

  sign(grant: DownloadGrant): string {
    const parts = [VERSION, grant.fileId, grant.accountId, grant.sha256.slice(0, HASH_CHARS), grant.expiresAt.toString(36), grant.requestedBy ?? '-'];
    if (!parts.slice(1, 4).every((p) => PART.test(p)) || (grant.requestedBy !== null && !PART.test(grant.requestedBy))) {
      throw new TypeError('download link: ids must be portal ids');
    }
    const body = parts.join('.');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  check(token: string, nowSeconds: number): LinkCheck {
    const cut = token.lastIndexOf('.');
    const body = token.slice(0, cut);
    const sent = Buffer.from(token.slice(cut + 1), 'base64url');
    const expected = this.mac(body);
    if (cut < 0 || sent.length !== expected.length || !timingSafeEqual(sent, expected)) return { ok: false, reason: 'invalid' };
    const [version, fileId, accountId, hash, expiry, by] = body.split('.');
    if (version !== VERSION || !fileId || !accountId || !hash || !expiry || !by) return { ok: false, reason: 'invalid' };
    const expiresAt = parseInt(expiry, 36);
    if (expiresAt <= nowSeconds) return { ok: false, reason: 'expired', expiresAt };
    return { ok: true, grant: { fileId, accountId, sha256: hash, requestedBy: by === '-' ? null : by, expiresAt } };
  }

  /** Whether a file's full SHA-256 is the one a grant was made for. */
  static isSameFile(grant: DownloadGrant, sha256: string): boolean {
    return sha256.startsWith(grant.sha256);
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
