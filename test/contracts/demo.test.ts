import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-data.js';
import { startTestPortal, type TestPortal } from '../harness/portal.js';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal('sqlite', { demo: true });
});
afterAll(() => portal.close());

it("shows Acme's contract ending within 90 days with its reminder, alert and delivery log", async () => {
  const alice = await portal.signIn('alice@acme.test', DEMO_PASSWORD);
  const acme = (await alice.get('/me')).json().accounts.find((a: { name: string }) => a.name === 'Acme Corp');
  const expiring = (await alice.get(`/accounts/${acme.id}/maintenance-contracts?state=expiring`)).json().items;
  expect(expiring.length).toBeGreaterThanOrEqual(1);
  expect(expiring[0].daysLeft).toBeLessThanOrEqual(90);
  const reminders = (await alice.get(`/accounts/${acme.id}/reminders?serialNumber=${expiring[0].serialNumber}`)).json().items;
  expect(reminders).toHaveLength(1);
  expect(reminders[0].deliveries.map((d: { recipient: string }) => d.recipient)).toEqual(expect.arrayContaining(['alice@acme.test', 'pat@partner.test', 'in-app']));
  const alerts = (await alice.get(`/accounts/${acme.id}/alerts?unread=true`)).json();
  expect(alerts.items.some((a: { serialNumber: string }) => a.serialNumber === expiring[0].serialNumber)).toBe(true);
});
