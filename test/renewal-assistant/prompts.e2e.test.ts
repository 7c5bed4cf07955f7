import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type RunningPortal } from '../e2e/harness.js';
import { REGISTRATION } from '../get-a-key/setup.js';
import { MAIN, makeHome, readStateFile, type ClientHome } from './cli.js';
import { createApiToken, lookupWithToken, signInOverHttp, twoAcmeContracts } from './portal-setup.js';

const TSX = import.meta.resolve('tsx');

/** The client in a real terminal: a tmux session of its own, typed into and read back like a screen. */
class Terminal {
  private static count = 0;
  readonly name = `ra-${process.pid}-${Terminal.count++}`;

  constructor(home: ClientHome, args: string[]) {
    const env = Object.entries(home.env).filter(([name]) => name !== 'NO_COLOR').map(([k, v]) => `${k}=${v}`);
    // The exit status is printed after the client ends, and the pane kept open to read it.
    const command = ['env', ...env, 'TERM=xterm-256color', process.execPath, '--import', TSX, MAIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '110', '-y', '50', `${command}; echo "EXIT=$?"; sleep 600`]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name]).toString();
  }

  async waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`"${String(text)}" never appeared; the screen shows:\n${screen}`);
      await sleep(100);
    }
  }

  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
  }

  press(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Answer the prompt showing `question` once it is on the screen. */
  async answer(question: string, text: string): Promise<void> {
    await this.waitFor(question);
    this.type(text);
    this.press('Enter');
  }

  close(): void {
    execFileSync('tmux', ['kill-session', '-t', this.name]);
  }
}

describe('the Renewal Assistant at a terminal', () => {
  let portal: RunningPortal;
  let token: string;
  let serial: string;
  const home = makeHome();
  const terminals: Terminal[] = [];
  const open = (args: string[]) => {
    const terminal = new Terminal(home, args);
    terminals.push(terminal);
    return terminal;
  };

  beforeAll(async () => {
    portal = await startPortal();
    const alice = await signInOverHttp(portal, 'alice@acme.test');
    token = await createApiToken(alice, portal.demo!.accounts.acmeAccountId);
    serial = (await twoAcmeContracts(portal, alice, token)).needsContacts;
  }, 300_000);
  afterAll(async () => {
    for (const terminal of terminals) terminal.close();
    await portal.close();
  });

  it('asks for the API token without showing it', async () => {
    const login = open(['login', '--portal', portal.url]);
    await login.answer('API token', token);
    const screen = await login.waitFor('EXIT=');
    expect(screen).toContain(`Logged in to ${portal.url}.`);
    expect(screen).toContain('EXIT=0');
    expect(screen).not.toContain(token);
  }, 120_000);

  it('asks for the contacts the portal needs, refuses a wrong answer in place, and sends them', async () => {
    const product = (await lookupWithToken(portal, token, [serial]))[0]!.product!.name;
    const add = open(['add', serial]);
    const note = await add.waitFor('Customer organization');
    expect(note).toContain(`The portal needs the support registration for ${serial}`);
    await add.answer('Customer organization', REGISTRATION.customerContact.organization);
    await add.answer('Customer address', REGISTRATION.customerContact.address);
    await add.answer('Customer country', REGISTRATION.customerContact.country);
    await add.answer('Customer e-mail for reminders', '');

    await add.answer('Technical contact: name', REGISTRATION.technicalContact.name);
    await add.answer('Technical contact: e-mail', 'terry at acme');
    // The question stays, saying what is wrong, until the answer is right.
    expect(await add.waitFor('must be an e-mail address')).not.toContain('Technical contact: phone');
    add.press(...Array<string>(20).fill('BSpace'));
    add.type(REGISTRATION.technicalContact.email);
    add.press('Enter');
    await add.answer('Technical contact: phone', REGISTRATION.technicalContact.phone);

    const screen = await add.waitFor('EXIT=');
    expect(screen).toContain('Tracking 1 contract');
    expect(screen).toMatch(new RegExp(`${serial}\\s+${product}\\s`));
    expect(screen).toContain('EXIT=0');
    expect((await lookupWithToken(portal, token, [serial]))[0]!.needsContacts).toBe(false);
    expect(readStateFile(home).contracts.map((c) => c.serialNumber)).toEqual([serial]);
  }, 180_000);

  it('stores nothing when the question is cancelled', async () => {
    const elsewhere = makeHome();
    const terminal = new Terminal(elsewhere, ['login', '--portal', portal.url]);
    terminals.push(terminal);
    await terminal.waitFor('API token');
    terminal.type('lpt_half-typed');
    terminal.press('C-c');
    const screen = await terminal.waitFor('EXIT=');
    expect(screen).toContain('cancelled: nothing was stored');
    expect(screen).toContain('EXIT=1');
    expect(existsSync(elsewhere.paths.configFile)).toBe(false);
  }, 120_000);
});
