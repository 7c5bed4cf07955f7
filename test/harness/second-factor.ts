import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ManualClock } from '../../src/server/platform/clock.js';
import { base32Decode, hotp, totpCode, totpStep } from '../../src/server/modules/two-factor/totp.js';

interface Enrolled {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

/**
 * Signs in users of whom a second factor is required (every vendor admin) the way a person
 * would: the first sign-in enrols an authenticator app through the API, later ones answer the
 * challenge with a fresh code, or a recovery code when the stopped test clock has no fresh
 * code left. Tests of the second factor itself drive these endpoints directly instead.
 */
export class SecondFactorKeeper {
  private readonly enrolled = new Map<string, Enrolled>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly clock: ManualClock,
  ) {}

  /** Completes a `POST /auth/login` answer into a full session; returns that session's answer. */
  async complete(
    email: string,
    password: string,
    login: LightMyRequestResponse,
  ): Promise<LightMyRequestResponse> {
    const body = login.json() as {
      twoFactorRequired?: true;
      challengeToken?: string;
      twoFactorEnrollmentRequired?: true;
    };
    if (body.twoFactorRequired) return this.answerChallenge(email, password, body.challengeToken!);
    if (body.twoFactorEnrollmentRequired) await this.enrol(email, login);
    return login;
  }

  private async enrol(email: string, login: LightMyRequestResponse): Promise<void> {
    const session = sessionOf(login);
    const started = await this.call(session, 'POST', '/me/two-factor/totp');
    const secret = (started.json() as { secret: string }).secret;
    const confirmed = await this.call(session, 'POST', '/me/two-factor/totp/confirm', {
      code: totpCode(secret, this.clock.now()),
    });
    if (confirmed.statusCode !== 200)
      throw new Error(`enrolling a second factor for ${email} failed: ${confirmed.body}`);
    this.enrolled.set(email, {
      secret,
      lastStep: totpStep(this.clock.now()),
      recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes,
    });
  }

  private async answerChallenge(
    email: string,
    password: string,
    challengeToken: string,
  ): Promise<LightMyRequestResponse> {
    const enrolled = this.enrolled.get(email);
    if (!enrolled)
      throw new Error(
        `${email} has a second factor the test harness did not enrol; answer POST /auth/login/totp in the test`,
      );
    const now = totpStep(this.clock.now());
    // A code is accepted once per 30-second step, one step either side of now.
    const step = Math.max(enrolled.lastStep + 1, now - 1);
    let code: string;
    if (step <= now + 1) {
      code = hotp(base32Decode(enrolled.secret), step);
      enrolled.lastStep = step;
    } else {
      code = enrolled.recoveryCodes.pop()!;
    }
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/totp',
      payload: { challengeToken, code },
    });
    if (res.statusCode !== 200)
      throw new Error(`second factor of ${email} refused: ${res.statusCode} ${res.body}`);
    if (enrolled.recoveryCodes.length < 3) {
      const renewed = await this.call(sessionOf(res), 'POST', '/me/two-factor/recovery-codes', { password });
      enrolled.recoveryCodes = (renewed.json() as { recoveryCodes: string[] }).recoveryCodes;
    }
    return res;
  }

  private call(
    session: { cookie: string; csrf: string },
    method: 'POST',
    path: string,
    payload: object = {},
  ) {
    return this.app.inject({
      method,
      url: `/api/v1${path}`,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
  }
}

function sessionOf(res: LightMyRequestResponse): { cookie: string; csrf: string } {
  const cookie = res.cookies.find((c) => c.name === 'lp_session')!;
  return { cookie: `lp_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}
