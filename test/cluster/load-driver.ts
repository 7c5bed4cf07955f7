import { addDays } from '../../src/domain/reminders/index.js';
import type { Answer, Fleet } from './http.js';
import { REGISTRATION, SKU, type LoadWorld } from './load-world.js';

/** What the portal acknowledged with a 2xx: each must be found in the database afterwards. */
export interface Acknowledged {
  registrations: { serialNumber: string; licenseId: string }[];
  drawDowns: { entryId: string; licenseId: string }[];
  returns: { entryId: string; retiredLicenseId: string }[];
  redemptions: { voucherId: string; licenseId: string }[];
  activations: { activationId: string; licenseId: string }[];
  /** Days all of whose reminder runs answered 200: every reminder due on them must exist. */
  reminderDays: Set<string>;
}

type Operation = 'get-a-key' | 'draw-down' | 'return' | 'redeem' | 'activate' | 'validate' | 'run-due';

/** Each operation's expected answers; anything else is a failure of the run. */
const EXPECTED: Record<Operation, number[]> = {
  'get-a-key': [200],
  'draw-down': [201, 409],
  return: [201],
  redeem: [201, 409],
  activate: [200, 409],
  validate: [200],
  'run-due': [200],
};

/** Relative weights of the mix, reminder runs apart: they have a lane of their own. */
const MIX: [Exclude<Operation, 'run-due'>, number][] = [
  ['validate', 30],
  ['activate', 15],
  ['get-a-key', 15],
  ['draw-down', 15],
  ['return', 8],
  ['redeem', 15],
];

const REMINDER_STEP_DAYS = 3;
const REMINDER_LAST_DAY = 99;

/**
 * Drives the mix from many concurrent lanes over the fleet and remembers every acknowledged
 * change. One driver may run several times (the crash test restarts the portal between runs);
 * what it used up (serials, vouchers, drawn licenses) stays used up.
 */
export class LoadDriver {
  readonly acknowledged: Acknowledged = { registrations: [], drawDowns: [], returns: [], redemptions: [], activations: [], reminderDays: new Set() };
  /** Days on which a reminder run was asked for, answered or not: no reminder may come from any other day. */
  readonly reminderDaysTried = new Set<string>();
  readonly answers: Record<string, number> = {};
  /** Wall-clock time spent waiting for each operation's answers. */
  readonly milliseconds: Partial<Record<Operation, { requests: number; total: number }>> = {};
  readonly failures: string[] = [];
  requests = 0;
  unanswered = 0;
  /** Why requests went unanswered: the first few reasons. */
  readonly unansweredReasons: string[] = [];
  private serialsUsed = 0;
  private vouchersUsed = 0;
  private reminderDay = 0;
  private readonly keys: { licenseId: string; licenseKey: string }[] = [];
  private readonly drawn: { licenseId: string }[] = [];

  constructor(
    private readonly world: LoadWorld,
    private readonly fleet: Fleet,
  ) {}

  /**
   * Runs `lanes` concurrent lanes, and a lane of reminder runs unless `reminders` is false, until
   * `ms` have passed or `stop` resolves; no request starts after that.
   */
  async run(ms: number, lanes: number, options: { stop?: Promise<unknown>; reminders?: boolean } = {}): Promise<void> {
    let running = true;
    const timer = setTimeout(() => (running = false), ms);
    void options.stop?.then(() => (running = false));
    const lane = async () => {
      while (running) await this.once(pick());
    };
    const reminderLane = async () => {
      while (running) await this.reminderRun();
    };
    await Promise.all([...Array.from({ length: lanes }, lane), ...(options.reminders === false ? [] : [reminderLane()])]);
    clearTimeout(timer);
  }

  /** The mean wall-clock milliseconds of each operation's requests. */
  meanMilliseconds(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.milliseconds).map(([op, m]) => [op, Math.round(m.total / m.requests)]));
  }

  /** How many changes the portal acknowledged with a 2xx. */
  acknowledgedCount(): number {
    const a = this.acknowledged;
    return a.registrations.length + a.drawDowns.length + a.returns.length + a.redemptions.length + a.activations.length;
  }

  private async once(op: Exclude<Operation, 'run-due'>): Promise<void> {
    const { world } = this;
    const customer = `/accounts/${world.customerId}`;
    const flex = `${customer}/flex-contracts/${world.flexContractId}`;
    switch (op) {
      case 'get-a-key': {
        // One in ten registers a serial again: the same license must come back.
        const again = this.serialsUsed > 0 && Math.random() < 0.1;
        const serialNumber = again ? world.serials[Math.floor(Math.random() * this.serialsUsed)] : world.serials[this.serialsUsed++];
        if (!serialNumber) return this.validate();
        const res = await this.send(op, world.sessions.member, `${customer}/get-a-key`, { serialNumber, registration: REGISTRATION });
        if (res.status === 200) {
          for (const l of (res.body as { licenses: { id: string; licenseKey: string }[] }).licenses) {
            this.acknowledged.registrations.push({ serialNumber, licenseId: l.id });
            if (!again) this.keys.push({ licenseId: l.id, licenseKey: l.licenseKey });
          }
        }
        return;
      }
      case 'draw-down': {
        const res = await this.send(op, world.sessions.member, `${flex}/draw-downs`, { productSku: SKU, quantity: 1 + Math.floor(Math.random() * 2) });
        if (res.status === 201) {
          const body = res.body as { id: string; license: { id: string } };
          this.acknowledged.drawDowns.push({ entryId: body.id, licenseId: body.license.id });
          this.drawn.push({ licenseId: body.license.id });
        }
        return;
      }
      case 'return': {
        const license = this.drawn.splice(Math.floor(Math.random() * this.drawn.length), 1)[0];
        if (!license) return this.once('draw-down');
        const res = await this.send(op, world.sessions.member, `${flex}/returns`, { licenseId: license.licenseId, quantity: 1 });
        if (res.status === 201) {
          const body = res.body as { id: string; retiredLicenseId: string; license: { id: string } | null };
          this.acknowledged.returns.push({ entryId: body.id, retiredLicenseId: body.retiredLicenseId });
          if (body.license) this.drawn.push({ licenseId: body.license.id });
        }
        return;
      }
      case 'redeem': {
        // One in ten asks for a voucher that was converted already: 409, and nothing changes.
        const again = this.vouchersUsed > 0 && Math.random() < 0.1;
        const code = again ? world.vouchers[Math.floor(Math.random() * this.vouchersUsed)] : world.vouchers[this.vouchersUsed++];
        if (!code) return this.validate();
        const res = await this.send(op, world.sessions.oem, `/accounts/${world.oemId}/vouchers/redeem`, { code, endCustomer: { accountId: world.endCustomerId } });
        if (res.status === 201) {
          const body = res.body as { voucher: { id: string }; license: { id: string; licenseKey: string } };
          this.acknowledged.redemptions.push({ voucherId: body.voucher.id, licenseId: body.license.id });
          this.keys.push({ licenseId: body.license.id, licenseKey: body.license.licenseKey });
        }
        return;
      }
      case 'activate': {
        const license = this.anyKey();
        if (!license) return this.once('draw-down');
        const res = await this.send(op, {}, '/activations', { licenseKey: license.licenseKey, hostId: hostId() });
        if (res.status === 200) this.acknowledged.activations.push({ activationId: (res.body as { activationId: string }).activationId, licenseId: license.licenseId });
        return;
      }
      case 'validate':
        return this.validate();
    }
  }

  private async validate(): Promise<void> {
    const license = this.anyKey();
    if (!license) return this.once('draw-down');
    await this.send('validate', {}, '/validate', { licenseKey: license.licenseKey, hostId: hostId() });
  }

  /** Two runs of the same day at once on two instances, then the next day: days only move forward. */
  private async reminderRun(): Promise<void> {
    const day = addDays(this.world.today, Math.min(this.reminderDay, REMINDER_LAST_DAY));
    this.reminderDay += REMINDER_STEP_DAYS;
    this.reminderDaysTried.add(day);
    const now = `${day}T12:00:00.000Z`;
    const runs = await Promise.all([0, 1].map(() => this.send('run-due', this.world.sessions.vendor, '/admin/jobs/run-due', { now })));
    // A pass leaves the contracts another pass holds to that pass (PostgreSQL skips locked rows):
    // the day is done only when every run of it answered. A run cut by a crash leaves its
    // contracts due, for the next pass.
    if (runs.every((r) => r.status === 200)) this.acknowledged.reminderDays.add(day);
  }

  private async send(op: Operation, who: { cookie?: string; csrf?: string }, path: string, body: unknown): Promise<Answer> {
    const started = performance.now();
    const res = await this.fleet.post(who, path, body);
    const spent = (this.milliseconds[op] ??= { requests: 0, total: 0 });
    spent.requests++;
    spent.total += performance.now() - started;
    this.requests++;
    const key = `${op} ${res.status}`;
    this.answers[key] = (this.answers[key] ?? 0) + 1;
    if (res.status === 0) {
      this.unanswered++;
      if (this.unansweredReasons.length < 5) this.unansweredReasons.push(`${op} ${path}: ${res.error}`);
    }
    else if (!EXPECTED[op].includes(res.status)) this.failures.push(`${op} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res;
  }

  private anyKey() {
    return this.keys[Math.floor(Math.random() * this.keys.length)];
  }
}

function pick(): Exclude<Operation, 'run-due'> {
  const total = MIX.reduce((n, [, w]) => n + w, 0);
  let r = Math.random() * total;
  for (const [op, weight] of MIX) if ((r -= weight) < 0) return op;
  return 'validate';
}

const hostId = () => `host-${Math.floor(Math.random() * 5)}`;
