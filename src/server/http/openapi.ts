import { ZErrorEnvelope } from '../../contracts/errors.js';

/** The error answers a route may give, for the OpenAPI document; the handler shapes them all alike. */
export const errors = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429)[]) =>
  Object.fromEntries(statuses.map((s) => [s, ZErrorEnvelope])) as Record<number, typeof ZErrorEnvelope>;

/** Signed-in routes answer these in any case. */
export const authErrors = errors(400, 401, 403, 404, 429);
