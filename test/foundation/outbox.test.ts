import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/server/platform/mailer.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { startTestSmtp, type TestSmtp } from '../harness/smtp.js';

describeEachDialect('outbox and invitations over real SMTP', (dialect) => {
  let portal: TestPortal;
  let smtp: TestSmtp;
  let admin: Awaited<ReturnType<TestPortal['signIn']>>;
  let customer: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    portal = await startTestPortal(dialect, { mailer: createSmtpMailer(smtp.url) });
    const f = factories(portal);
    customer = (await f.account('customer', 'Mail Co')).id;
    admin = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
  });
  afterAll(async () => {
    await portal.close();
    await smtp.close();
  });

  it('invites a user without a password by e-mail, and the link sets a password once', async () => {
    const res = await admin.post('/admin/users', { email: 'new.person@mail.test', name: 'New Person', memberships: [{ accountId: customer, role: 'member' }] });
    expect(res.statusCode).toBe(201);
    await admin.post('/admin/jobs/run-due', {});
    const [mail] = (await smtp.waitFor(1)).filter((m) => m.subject?.includes('invited'));
    expect(mail!.to).toMatchObject({ text: 'new.person@mail.test' });
    const token = /accept-invitation\?token=([\w-]+)/.exec(mail!.text ?? '')![1]!;

    const accept = await portal.anonymous().post('/auth/invitations/accept', { token, password: 'a-fine-password' });
    expect(accept.statusCode).toBe(204);
    expect((await portal.signIn('new.person@mail.test', 'a-fine-password')).auth.cookie).toBeTruthy();
    const again = await portal.anonymous().post('/auth/invitations/accept', { token, password: 'another-password' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('token_invalid');
  });

  it('resets a password by e-mail; the link expires after an hour', async () => {
    const before = smtp.messages.length;
    expect((await portal.anonymous().post('/auth/password-reset', { email: 'new.person@mail.test' })).statusCode).toBe(202);
    expect((await portal.anonymous().post('/auth/password-reset', { email: 'nobody@mail.test' })).statusCode).toBe(202);
    await admin.post('/admin/jobs/run-due', {});
    const mails = (await smtp.waitFor(before + 1)).slice(before);
    expect(mails).toHaveLength(1); // nothing is sent for an unknown address
    const token = /reset-password\?token=([\w-]+)/.exec(mails[0]!.text ?? '')![1]!;
    portal.clock.advance(61 * 60 * 1000);
    expect((await portal.anonymous().post('/auth/password-reset/confirm', { token, password: 'newer-password' })).statusCode).toBe(422);
  });

  it('keeps a message queued while SMTP refuses, and delivers it once when it accepts again', async () => {
    const before = smtp.messages.length;
    await portal.container.store.transaction((tx) =>
      portal.container.outbox.enqueue(tx, { kind: 'test', to: 'retry@mail.test', subject: 'Retry me', text: 'hello' }),
    );
    smtp.refusing = true;
    await admin.post('/admin/jobs/run-due', {});
    let page = (await admin.get('/admin/outbox?to=retry@mail.test')).json();
    expect(page.items[0]).toMatchObject({ status: 'queued', attempts: 1 });
    expect(page.items[0].lastError).toBeTruthy();

    smtp.refusing = false;
    await admin.post('/admin/jobs/run-due', {}); // not due yet: back-off
    expect(smtp.messages.length).toBe(before);
    portal.clock.advance(60 * 1000);
    await admin.post('/admin/jobs/run-due', {});
    await admin.post('/admin/jobs/run-due', {});
    await smtp.waitFor(before + 1);
    expect(smtp.messages.slice(before).filter((m) => m.subject === 'Retry me')).toHaveLength(1);
    page = (await admin.get('/admin/outbox?to=retry@mail.test')).json();
    expect(page.items[0].status).toBe('sent');
  });

  it('sends nothing for a change that rolled back', async () => {
    await expect(
      portal.container.store.transaction(async (tx) => {
        await portal.container.outbox.enqueue(tx, { kind: 'test', to: 'never@mail.test', subject: 'Never', text: 'x' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const page = await portal.container.outbox.list({ limit: 10, to: 'never@mail.test' });
    expect(page.items).toHaveLength(0);
  });
});
