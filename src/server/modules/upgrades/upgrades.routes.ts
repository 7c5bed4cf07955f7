import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZCampaignNotificationList,
  ZCampaignNotificationListQuery,
  ZCampaignParams,
  ZPendingUpgradeList,
  ZPendingUpgradeQuery,
  ZUpgradeCampaignCreate,
  ZUpgradeCampaignList,
  ZUpgradeCampaignRun,
  ZUpgradeLookup,
  ZUpgradeOffer,
  ZUpgradeRequest,
  ZUpgradeResult,
} from '../../../contracts/upgrades.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const upgradesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { upgradeCampaigns, upgrades } = container;

  app.post(
    '/admin/upgrade-campaigns',
    { config: { access: 'vendor.write' }, schema: { tags: ['upgrades'], body: ZUpgradeCampaignCreate, response: { 200: ZUpgradeCampaignRun, ...authErrors, ...errors(409) } } },
    async (req) => upgradeCampaigns.publish(ctxOf(req), req.body),
  );

  app.get(
    '/admin/upgrade-campaigns',
    { schema: { tags: ['upgrades'], querystring: ZPageQuery, response: { 200: ZUpgradeCampaignList, ...authErrors } } },
    async (req) => upgradeCampaigns.list(ctxOf(req), req.query),
  );

  app.get(
    '/admin/upgrade-campaigns/:campaignId/notifications',
    { schema: { tags: ['upgrades'], params: ZCampaignParams, querystring: ZCampaignNotificationListQuery, response: { 200: ZCampaignNotificationList, ...authErrors } } },
    async (req) => upgradeCampaigns.notifications(ctxOf(req), req.params.campaignId, req.query),
  );

  app.get(
    '/accounts/:accountId/upgrades',
    { schema: { tags: ['upgrades'], params: ZAccountParams, querystring: ZPendingUpgradeQuery, response: { 200: ZPendingUpgradeList, ...authErrors } } },
    async (req) => upgrades.pending(ctxOf(req), req.params.accountId, req.query),
  );

  app.post(
    '/accounts/:accountId/upgrades/lookup',
    { schema: { tags: ['upgrades'], params: ZAccountParams, body: ZUpgradeLookup, response: { 200: ZUpgradeOffer, ...authErrors } } },
    async (req) => upgrades.lookup(ctxOf(req), req.params.accountId, req.body.notificationId),
  );

  app.post(
    '/accounts/:accountId/upgrades',
    { config: { access: 'account.operate' }, schema: { tags: ['upgrades'], params: ZAccountParams, body: ZUpgradeRequest, response: { 200: ZUpgradeResult, ...authErrors, ...errors(409, 422) } } },
    async (req) => upgrades.upgrade(ctxOf(req), req.params.accountId, req.body),
  );
};
