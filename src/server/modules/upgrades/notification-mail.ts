import type { ProductsTable } from '../catalog/catalog.table.js';

export interface NotificationMailInput {
  vendorName: string;
  publicUrl: string;
  accountId: string;
  accountName: string;
  notificationId: string;
  toProduct: ProductsTable;
  tradeIn: boolean;
  /** Per held product: the units the account may upgrade. */
  items: { product: ProductsTable; units: number }[];
  /** The partner delegated to the account receives the same notice, addressed as the partner. */
  forPartner: boolean;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The upgrade notification e-mail (SPEC §6): the notification ID and what it allows. */
export function notificationMail(m: NotificationMailInput): { subject: string; text: string } {
  const link = `${m.publicUrl}/a/${m.accountId}/version-upgrade?notificationId=${m.notificationId}`;
  return {
    subject: `${m.vendorName}: upgrade to ${m.toProduct.name} (notification ID ${m.notificationId})`,
    text: [
      'Hello,',
      '',
      m.forPartner
        ? `your customer ${m.accountName} can upgrade to ${m.toProduct.name} (version ${m.toProduct.version}) under its maintenance. You may upgrade on its behalf.`
        : `${m.accountName} can upgrade to ${m.toProduct.name} (version ${m.toProduct.version}) under its maintenance.`,
      '',
      `  Notification ID: ${m.notificationId}`,
      ...m.items.map((i) => `  ${i.product.name} (${i.product.sku}): up to ${plural(i.units, i.product.unit)}`),
      '',
      m.tradeIn
        ? 'This upgrade is a trade-in: the licenses you upgrade are revoked once the new ones are issued.'
        : 'Your current licenses stay valid: the upgrade adds licenses for the new version.',
      '',
      'To upgrade, sign in to the portal, open Version Upgrade and enter the notification ID:',
      link,
    ].join('\n'),
  };
}
