import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZIdParam } from '../../../contracts/common.js';
import {
  ZAdminReminderListQuery,
  ZCalendarFeedQuery,
  ZCalendarLink,
  ZReminder,
  ZReminderList,
  ZReminderListQuery,
  ZReminderSettings,
  ZReminderSettingsUpdate,
} from '../../../contracts/reminders.js';
import type { Container } from '../../container.js';
import { notFound } from '../../http/app-error.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

const tags = ['maintenance'];

export const remindersRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { reminderSettings, reminderLog, calendar } = container;

  app.get('/accounts/:accountId/reminder-settings', { schema: { tags, params: ZAccountParams, response: { 200: ZReminderSettings, ...authErrors } } }, async (req) =>
    reminderSettings.get(ctxOf(req), req.params.accountId),
  );

  app.put('/accounts/:accountId/reminder-settings', { config: { access: 'account.manage' }, schema: { tags, params: ZAccountParams, body: ZReminderSettingsUpdate, response: { 200: ZReminderSettings, ...authErrors } } }, async (req) =>
    reminderSettings.update(ctxOf(req), req.params.accountId, req.body),
  );

  app.post(
    '/accounts/:accountId/reminder-settings/test',
    { config: { access: 'account.manage' }, schema: { tags, params: ZAccountParams, body: z.object({ serialNumber: z.string().max(100).optional() }).default({}), response: { 201: ZReminder, ...authErrors, ...errors(409) } } },
    async (req, reply) => reply.status(201).send(await reminderSettings.sendTest(ctxOf(req), req.params.accountId, req.body)),
  );

  app.get('/accounts/:accountId/reminders', { schema: { tags, params: ZAccountParams, querystring: ZReminderListQuery, response: { 200: ZReminderList, ...authErrors } } }, async (req) =>
    reminderLog.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/reminders/:reminderId', { schema: { tags, params: ZAccountParams.extend({ reminderId: ZIdParam }), response: { 200: ZReminder, ...authErrors } } }, async (req) => {
    const reminder = await reminderLog.get(ctxOf(req), req.params.accountId, req.params.reminderId);
    if (!reminder) throw notFound('reminder');
    return reminder;
  });

  app.get('/admin/reminders', { schema: { tags: ['admin'], querystring: ZAdminReminderListQuery, response: { 200: ZReminderList, ...authErrors } } }, async (req) =>
    reminderLog.listAll(ctxOf(req), req.query),
  );

  app.get('/accounts/:accountId/calendar', { schema: { tags, params: ZAccountParams, response: { 200: ZCalendarLink, ...authErrors } } }, async (req) =>
    calendar.link(ctxOf(req), req.params.accountId),
  );

  app.post('/accounts/:accountId/calendar/regenerate', { config: { access: 'account.manage' }, schema: { tags, params: ZAccountParams, response: { 200: ZCalendarLink, ...authErrors } } }, async (req) =>
    calendar.regenerate(ctxOf(req), req.params.accountId),
  );

  // Calendar apps poll this URL without a session: the token in it is the credential.
  app.get(
    '/accounts/:accountId/calendar.ics',
    { config: { public: true }, schema: { tags, params: ZAccountParams, querystring: ZCalendarFeedQuery, response: { 200: z.string().describe('text/calendar (RFC 5545)'), ...errors(400, 404) } } },
    async (req, reply) => {
      const ics = await calendar.feed(req.params.accountId, req.query.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=900')
        .header('content-disposition', 'inline; filename="maintenance.ics"')
        .send(ics);
    },
  );
};
