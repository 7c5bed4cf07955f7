import type { DemoExtension } from '../../demo/extensions.js';

/**
 * Nothing to create: the vendor admin role always requires a second factor, so the demo's
 * admin@vendor.test is asked to enrol an authenticator app at the first sign-in (the key is shown
 * on the page, for any TOTP app). Single sign-on needs an identity provider of the customer's own.
 */
export const signInDemo: DemoExtension = async () =>
  'admin@vendor.test sets up an authenticator app (any TOTP app) at the first sign-in: the vendor admin role always requires two-step verification. Account admins configure single sign-on under Settings → Sign-in.';
