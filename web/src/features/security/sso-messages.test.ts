import { describe, expect, it } from 'vitest';
import { SSO_ERROR_CODES } from '../../../../src/contracts/sso';
import { ssoErrorMessage } from './sso-messages';

describe('messages after a single sign-on that did not complete', () => {
  it('has its own sentence for every code the server sends back', () => {
    const messages = SSO_ERROR_CODES.map((code) => ssoErrorMessage(code));
    expect(new Set(messages).size).toBe(SSO_ERROR_CODES.length);
    expect(messages.every((m) => m && m.endsWith('.'))).toBe(true);
  });

  it('says something sensible for a code it does not know, and nothing without one', () => {
    expect(ssoErrorMessage('something_new')).toBe('Single sign-on did not complete. Please start again.');
    expect(ssoErrorMessage(null)).toBeNull();
  });
});
