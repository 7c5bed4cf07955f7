import type { z } from 'zod';
import { api } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type { TRegistration } from '../../../../src/contracts/get-a-key';
import type {
  TEligibleProduct,
  TUpgradeNotice,
  TUpgradeOffer,
  TUpgradeResult,
  ZUpgradeRequest,
} from '../../../../src/contracts/upgrades';

export type UpgradeNotice = TUpgradeNotice;
export type UpgradeOffer = TUpgradeOffer;
export type EligibleProduct = TEligibleProduct;
export type UpgradeRequest = z.input<typeof ZUpgradeRequest>;
export type UpgradeResult = TUpgradeResult;
export type Registration = TRegistration;

/** "I do not have a notification ID": the account's notifications with units left to upgrade. */
export const listPendingUpgrades = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<UpgradeNotice>>(path`/accounts/${accountId}/upgrades`, { cursor }, signal);

export const lookupUpgrade = (accountId: string, notificationId: string) =>
  api.post<UpgradeOffer>(path`/accounts/${accountId}/upgrades/lookup`, { notificationId });

/** The key makes a repeated click or a retry after a lost answer return the first upgrade, never a second. */
export const upgradeLicenses = (accountId: string, request: UpgradeRequest, idempotencyKey: string) =>
  api.post<UpgradeResult>(path`/accounts/${accountId}/upgrades`, request, {
    'Idempotency-Key': idempotencyKey,
  });
