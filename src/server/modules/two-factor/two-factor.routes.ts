import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZReauthenticate,
  ZRecoveryCodes,
  ZSignInPolicy,
  ZSignInPolicyUpdate,
  ZTotpConfirm,
  ZTotpEnrollment,
  ZTwoFactorStatus,
} from '../../../contracts/two-factor.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const twoFactorRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const { twoFactor, signInPolicies } = container;
  const mine = { tags: ['two-factor'] };

  app.get(
    '/me/two-factor',
    { schema: { ...mine, response: { 200: ZTwoFactorStatus, ...errors(401) } } },
    async (req) => twoFactor.status(ctxOf(req)),
  );

  app.post(
    '/me/two-factor/totp',
    { schema: { ...mine, response: { 201: ZTotpEnrollment, ...errors(401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await twoFactor.startEnrolment(ctxOf(req))),
  );

  app.post(
    '/me/two-factor/totp/confirm',
    {
      schema: {
        ...mine,
        body: ZTotpConfirm,
        response: { 200: ZRecoveryCodes, ...errors(400, 401, 403, 409, 429) },
      },
    },
    async (req) => twoFactor.confirmEnrolment(ctxOf(req), req.body.code),
  );

  app.post(
    '/me/two-factor/recovery-codes',
    {
      schema: {
        ...mine,
        body: ZReauthenticate,
        response: { 200: ZRecoveryCodes, ...errors(400, 401, 403, 409, 429) },
      },
    },
    async (req) => twoFactor.regenerateRecoveryCodes(ctxOf(req), req.body.password),
  );

  app.post(
    '/me/two-factor/disable',
    {
      schema: {
        ...mine,
        body: ZReauthenticate,
        response: { 204: z.null(), ...errors(400, 401, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      await twoFactor.disable(ctxOf(req), req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/accounts/:accountId/sign-in-policy',
    {
      schema: { tags: ['accounts'], params: ZAccountParams, response: { 200: ZSignInPolicy, ...authErrors } },
    },
    async (req) => signInPolicies.get(ctxOf(req), req.params.accountId),
  );

  app.put(
    '/accounts/:accountId/sign-in-policy',
    {
      config: { access: 'account.manage' },
      schema: {
        tags: ['accounts'],
        params: ZAccountParams,
        body: ZSignInPolicyUpdate,
        response: { 200: ZSignInPolicy, ...authErrors, ...errors(409) },
      },
    },
    async (req) => signInPolicies.update(ctxOf(req), req.params.accountId, req.body),
  );
};
