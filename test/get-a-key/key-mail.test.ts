import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/server/platform/mailer.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, REGISTRATION, type World } from './setup.js';
import { verifyWithJose } from './verify-independently.js';

describeEachDialect('the key e-mail over SMTP', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, done) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    portal = await startTestPortal(dialect, { mailer: createSmtpMailer(`smtp://127.0.0.1:${port}`) });
    world = await getAKeyWorld(portal);
  });
  afterAll(async () => {
    await portal.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('delivers key and license file to the technical contact; the attached file verifies', async () => {
    const { serials } = await orderEverything(portal, world);
    const member = await portal.signIn(world.users.member.email);
    const license = (await member.post(`/accounts/${world.customer.id}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).json().licenses[0];
    await world.vendor.post('/admin/jobs/run-due', {});

    const mail = received.find((m) => m.text?.includes(license.licenseKey));
    expect(mail, 'the key e-mail arrived').toBeDefined();
    expect(mail!.to).toMatchObject({ value: [{ address: REGISTRATION.technicalContact.email }] });
    expect(mail!.from?.value[0]?.name).toBe(portal.config.vendorName);
    const [attachment] = mail!.attachments;
    expect(attachment).toMatchObject({ filename: `${license.productSku}-${license.version}.lic`, contentType: 'application/json' });
    const file = JSON.parse(attachment!.content.toString('utf8'));
    expect(file).toEqual(license.file);
    expect(await verifyWithJose(file, (await portal.anonymous().get('/signing-keys')).json())).toBe(true);

    const certificate = received.find((m) => m.subject?.includes('license certificate'));
    expect(certificate?.attachments[0]?.contentType).toBe('application/pdf');
    expect(certificate?.attachments[0]?.content.subarray(0, 4).toString()).toBe('%PDF');
  });
});
