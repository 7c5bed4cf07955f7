/**
 * What a session that must enrol a second factor may still reach: who am I, the enrolment
 * itself, signing in and out (`/auth/…`), and the public configuration. Everything else answers 403
 * `two_factor_enrollment_required` until the enrolment is confirmed.
 */
const REACHABLE: readonly [method: string, path: RegExp][] = [
  ['GET', /^\/api\/v1\/me$/],
  ['GET', /^\/api\/v1\/config\/public$/],
  ['POST', /^\/api\/v1\/auth\//],
  ['GET', /^\/api\/v1\/auth\//],
  ['GET', /^\/api\/v1\/me\/two-factor$/],
  ['POST', /^\/api\/v1\/me\/two-factor\/totp(\/confirm)?$/],
];

export function isReachableWhileRestricted(method: string, url: string): boolean {
  const path = url.split('?')[0]!;
  return REACHABLE.some(([m, p]) => m === method && p.test(path));
}
