import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/domain/reminders/index.js';
import { emptyConfig } from '../../src/cli/renewal-assistant/config.js';
import { contractFromLookup, manualContract } from '../../src/cli/renewal-assistant/contract-sources.js';
import { raiseDueAlerts } from '../../src/cli/renewal-assistant/raise.js';
import { exitStatusOf, reportContracts, statusLine } from '../../src/cli/renewal-assistant/report.js';
import { emptyState, withContract, type ClientState, type TrackedContract } from '../../src/cli/renewal-assistant/state.js';

const END = '2027-03-31';

function portalContract(overrides: Partial<TrackedContract> = {}): TrackedContract {
  const base = contractFromLookup(
    {
      serialNumber: 'M3482915673',
      found: true,
      product: { sku: 'VB-22-SRV', name: 'Vault Backup 22 Server', productLine: 'Vault Backup', version: '22' },
      startsAt: '2026-04-01',
      endsAt: END,
      state: 'active',
      needsContacts: false,
      schedule: null,
    },
    '2026-01-01T00:00:00.000Z',
  );
  return { ...base, ...overrides };
}

/** One `check` a day: what each day raised, and the exit status it reported. */
function everyDay(contract: TrackedContract, from: string, to: string, start: ClientState = withContract(emptyState(), contract)) {
  let state = start;
  const days: { day: string; raised: string[]; status: number }[] = [];
  for (let i = 0; i <= daysBetween(from, to); i++) {
    const day = addDays(from, i);
    const result = raiseDueAlerts(state, emptyConfig(), day, `${day}T07:30:00.000Z`);
    state = result.state;
    days.push({ day, raised: result.raised.map((a) => a.stage), status: exitStatusOf(state, day) });
  }
  return { days, state };
}

describe('alert planning', () => {
  it('raises the 90, 60 and 30-day alerts once each, on their days, with the exit status following the window', () => {
    const { days, state } = everyDay(portalContract(), addDays(END, -120), addDays(END, 20));
    expect(days.filter((d) => d.raised.length).map((d) => [d.day, d.raised])).toEqual([
      ['2026-12-31', ['90d']],
      ['2027-01-30', ['60d']],
      ['2027-03-01', ['30d']],
    ]);
    expect(days.find((d) => d.day === '2026-12-30')!.status).toBe(0);
    expect(days.find((d) => d.day === '2026-12-31')!.status).toBe(1);
    expect(days.find((d) => d.day === END)!.status).toBe(1);
    expect(days.find((d) => d.day === addDays(END, 1))!.status).toBe(2);
    expect(state.alerts.map((a) => a.id)).toEqual(['M3482915673/2027-03-31/90d', 'M3482915673/2027-03-31/60d', 'M3482915673/2027-03-31/30d']);
    expect(state.alerts[1]!.message).toBe('Maintenance contract M3482915673 (Vault Backup 22 Server) ends on 2027-03-31, in 60 days (60-day reminder); renew it to keep maintenance and support.');
  });

  it('raises only the most urgent due alert for a contract added with 45 days left', () => {
    const { days } = everyDay(portalContract(), addDays(END, -45), addDays(END, 5));
    expect(days.filter((d) => d.raised.length).map((d) => [d.day, d.raised])).toEqual([
      ['2027-02-14', ['60d']],
      ['2027-03-01', ['30d']],
    ]);
  });

  it('plans afresh when the contract is renewed in place, and stops for a contract superseded by a newer one', () => {
    const first = everyDay(portalContract(), addDays(END, -31), addDays(END, -20));
    const renewed = { ...first.state.contracts[0]!, endsAt: '2028-03-31' };
    const after = everyDay(renewed, addDays(END, -19), '2028-01-05', { ...first.state, contracts: [renewed] });
    expect(after.days.filter((d) => d.raised.length).map((d) => [d.day, d.raised])).toEqual([['2028-01-01', ['90d']]]);
    expect(after.days.find((d) => d.day === END)!.status).toBe(0);

    const superseded = everyDay(portalContract({ portalState: 'renewed' }), addDays(END, -100), addDays(END, 10));
    expect(superseded.days.every((d) => d.raised.length === 0 && d.status === 0)).toBe(true);
  });

  it('follows a signed schedule with a day-of and an expired notice', () => {
    const contract = portalContract({ source: 'file', schedule: { leadDays: [14], dayOf: true, expired: true } });
    const { days } = everyDay(contract, addDays(END, -100), addDays(END, 40));
    expect(days.filter((d) => d.raised.length).map((d) => [d.day, d.raised])).toEqual([
      ['2027-03-17', ['14d']],
      [END, ['day-of']],
      ['2027-04-01', ['expired']],
    ]);
    // The alert window is still the 90 days of SPEC §11, even when the schedule's first reminder comes later.
    expect(days.find((d) => d.day === addDays(END, -90))!.status).toBe(1);
  });

  it('raises a manual alert once on its day; it and the expiry drive the exit status', () => {
    const contract = manualContract({ serialNumber: 'M3482915673', endsAt: END, alertOn: '2026-09-01' }, '2026-08-01T00:00:00.000Z');
    const { days } = everyDay(contract, '2026-08-30', addDays(END, 3));
    expect(days.filter((d) => d.raised.length).map((d) => [d.day, d.raised])).toEqual([['2026-09-01', ['manual']]]);
    expect(days.find((d) => d.day === '2026-08-31')!.status).toBe(0);
    expect(days.find((d) => d.day === '2026-09-01')!.status).toBe(1);
    expect(days.find((d) => d.day === addDays(END, 1))!.status).toBe(2);
  });

  it('reports each contract with its days left, state, source and next alert, and a monitoring status line', () => {
    const state = withContract(withContract(emptyState(), portalContract()), manualContract({ serialNumber: 'M0000000000', endsAt: '2026-12-01', alertOn: '2026-11-01' }, '2026-01-01T00:00:00.000Z'));
    const today = '2026-12-15';
    const reports = reportContracts(state, today);
    expect(reports.map((r) => [r.serialNumber, r.daysLeft, r.state, r.source, r.nextAlert?.stage ?? null, r.status])).toEqual([
      ['M0000000000', -14, 'expired', 'manual', 'manual', 2],
      ['M3482915673', 106, 'active', 'portal', '90d', 0],
    ]);
    expect(statusLine(reports, exitStatusOf(state, today))).toBe('RENEWALS CRITICAL - M0000000000 expired on 2026-12-01');
    expect(statusLine([], 0)).toBe('RENEWALS OK - no contracts tracked yet');
  });
});
