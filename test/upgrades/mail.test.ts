import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/server/platform/mailer.js';
import { verifyWithJose } from '../get-a-key/verify-independently.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { startTestSmtp, type TestSmtp } from '../harness/smtp.js';
import { activeMaintenance, holdLicense, newCustomer, notificationOf, PRODUCTS, publish, REGISTRATION, upgrade, upgradesWorld, type World } from './world.js';

/** What leaves the portal over SMTP: the notification ID, then the new key with its file attached. */
describeEachDialect('upgrade e-mail over SMTP', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    portal = await startTestPortal(dialect, { mailer: createSmtpMailer(smtp.url) });
    world = await upgradesWorld(portal);
  });
  afterAll(async () => {
    await portal.close();
    await smtp.close();
  });

  const to = (address: string) => smtp.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address));

  it('sends the notification ID to the technical contact and the partner, and the new key and file to the registration given', async () => {
    const customer = await newCustomer(world);
    await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 3, maintenance: activeMaintenance(world) });
    await world.vendor.post('/admin/jobs/run-due', {});
    const before = smtp.messages.length;
    const notificationId = notificationOf(await publish(world, { fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku }), customer.id);
    await world.vendor.post('/admin/jobs/run-due', {});
    await smtp.waitFor(before + 2);

    const [technical] = to(REGISTRATION.technicalContact.email).filter((m) => m.subject?.includes(notificationId));
    const [partner] = to(world.users.partnerAdmin.email).filter((m) => m.subject?.includes(notificationId));
    expect(technical?.text).toContain(`Notification ID: ${notificationId}`);
    expect(technical?.text).toContain('up to 3 servers');
    expect(partner?.text).toContain('on its behalf');

    const registration = { ...REGISTRATION, technicalContact: { ...REGISTRATION.technicalContact, email: 'keys@upgrade.test' } };
    const res = await customer.member.post(`/accounts/${customer.id}/upgrades`, { notificationId, items: [{ productSku: PRODUCTS.server22.sku, quantity: 2 }], registration });
    expect(res.statusCode, res.body).toBe(200);
    const license = res.json().licenses[0];
    await world.vendor.post('/admin/jobs/run-due', {});
    await smtp.waitFor(before + 3);

    const [mail] = to('keys@upgrade.test');
    expect(mail?.text).toContain(license.licenseKey);
    const [attachment] = mail!.attachments;
    expect(attachment).toMatchObject({ filename: `${PRODUCTS.server23.sku}-23.lic`, contentType: 'application/json' });
    const file = JSON.parse(attachment!.content.toString('utf8'));
    expect(file.payload).toMatchObject({ licenseId: license.id, productSku: PRODUCTS.server23.sku, version: '23', quantity: 2 });
    expect(await verifyWithJose(file, (await portal.anonymous().get('/signing-keys')).json())).toBe(true);
  });

  it('sends nothing for an upgrade that was refused', async () => {
    const customer = await newCustomer(world);
    await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 1, maintenance: activeMaintenance(world) });
    const notificationId = notificationOf(await publish(world, { fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku }), customer.id);
    await world.vendor.post('/admin/jobs/run-due', {});
    const before = smtp.messages.length;
    const refused = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 2 }]);
    expect(refused.statusCode).toBe(422);
    await world.vendor.post('/admin/jobs/run-due', {});
    expect(smtp.messages.length).toBe(before);
  });
});
