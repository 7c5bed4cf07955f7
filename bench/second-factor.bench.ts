import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.js';
import { prepare } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { createContainer } from '../src/server/container.js';
import { systemActor } from '../src/server/modules/auth/actor.js';
import { totpCode } from '../src/server/modules/two-factor/totp.js';
import type { Benchmark } from './lib/types.js';

const PASSWORD = 'bench-password-123';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What a second factor adds to signing in: a whole password + TOTP sign-in (two requests) against
 * a password-only sign-in of a user without one, both through the HTTP API (inject) on SQLite with
 * the production Argon2id cost, one after another. Each user signs in once with a fresh code, as
 * people do (a code is never accepted twice, so a loop over one user would measure refusals).
 */
const bench: Benchmark = {
  description:
    'Sign-in with password + TOTP (POST /auth/login, then /auth/login/totp) against password-only sign-in, in-process HTTP on SQLite, production Argon2id cost.',
  goal: 'the second factor adds less than 25% to a sign-in',
  async run(ctx) {
    const users = ctx.quick ? 8 : 60;
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(ctx.workDir, 'portal.db')}`,
      DATA_DIR: ctx.workDir,
      PORTAL_DEMO: '0',
      PORTAL_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      PUBLIC_URL: 'http://portal.bench',
      LOG_LEVEL: 'silent',
    });
    const container = createContainer(config, { mailer: null });
    await prepare(container);
    const app = await buildApp(container, { webRoot: '/nonexistent' });
    const system = { actor: systemActor('bench'), ip: null };
    const account = await container.accounts.insertAccountStandalone(system, {
      name: 'Bench Co',
      kind: 'customer',
    });
    const login = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: PASSWORD },
        remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      });

    const plain: string[] = [];
    const protectedUsers: { email: string; secret: string }[] = [];
    for (let i = 0; i < users; i++) {
      plain.push((await createUser(`plain-${i}@bench.test`)).email);
      const email = `totp-${i}@bench.test`;
      await createUser(email);
      const session = await login(email);
      const headers = {
        cookie: `lp_session=${session.cookies.find((c) => c.name === 'lp_session')!.value}`,
        'x-csrf-token': session.json().csrfToken as string,
      };
      const { secret } = (
        await app.inject({ method: 'POST', url: '/api/v1/me/two-factor/totp', headers, payload: {} })
      ).json() as { secret: string };
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/two-factor/totp/confirm',
        headers,
        payload: { code: totpCode(secret, new Date()) },
      });
      protectedUsers.push({ email, secret });
    }
    ctx.log(`${users} users of each kind ready`);

    // Interleaved, one of each kind in turn, so that noise from a shared machine falls on both alike.
    const floorMs: number[] = [];
    const withCodeMs: number[] = [];
    const codeStepMs: number[] = [];
    for (let i = 0; i < users; i++) {
      let started = performance.now();
      const plainRes = await login(plain[i]!);
      floorMs.push(performance.now() - started);
      if (plainRes.statusCode !== 200) throw new Error(`password sign-in failed: ${plainRes.body}`);

      const { email, secret } = protectedUsers[i]!;
      started = performance.now();
      const first = await login(email);
      const second = performance.now();
      // The next step's code: the enrolment used this step's, and a code is taken once.
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login/totp',
        payload: {
          challengeToken: first.json().challengeToken,
          code: totpCode(secret, new Date(Date.now() + 30_000)),
        },
      });
      const done = performance.now();
      if (res.statusCode !== 200) throw new Error(`second factor refused: ${res.body}`);
      withCodeMs.push(done - started);
      codeStepMs.push(done - second);
    }
    await app.close();
    await container.close();

    const floor = median(floorMs);
    const full = median(withCodeMs);
    const ratio = floor / full;
    return {
      headline: `${full.toFixed(1)} ms per sign-in with a code vs ${floor.toFixed(1)} ms password-only (${ratio.toFixed(2)} × floor)`,
      ratio,
      goalMet: full <= floor * 1.25,
      figures: {
        'floor: password-only sign-in (median)': { value: floor, unit: 'ms' },
        'password + TOTP sign-in, both requests (median)': { value: full, unit: 'ms' },
        'the TOTP request alone (median)': { value: median(codeStepMs), unit: 'ms' },
        users: { value: users, unit: 'sign-ins of each kind' },
      },
      method: [
        'A fresh SQLite database (WAL, synchronous=FULL) with the production Argon2id cost; requests through Fastify inject in one process, one after another.',
        `${users} users without a second factor sign in once each (the floor); ${users} users with an enrolled authenticator app sign in once each with the password and then the current code; the two kinds take turns.`,
        'Ratio = password-only time ÷ password + code time (1.0 would mean the code costs nothing). Medians.',
      ],
    };

    async function createUser(email: string) {
      await container.accounts.createUser(system, {
        email,
        name: email,
        password: PASSWORD,
        memberships: [{ accountId: account.id, role: 'member' }],
      });
      return { email };
    }
  },
};

export default bench;
