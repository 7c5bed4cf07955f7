import { Webhook } from 'standardwebhooks';
import { readConfig, writeConfig, type ClientConfig } from '../config.js';
import type { CommandContext } from '../context.js';
import { postWebhook, sendEmail } from '../deliver.js';
import { CliError, invalidInput } from '../errors.js';
import type { RaisedAlert } from '../state.js';

export interface NotifyOptions {
  /** A URL, or false for `--no-webhook`. */
  webhook?: string | false;
  webhookSecret?: string;
  /** Comma-separated addresses, or false for `--no-email`. */
  emailTo?: string | false;
  emailFrom?: string;
  smtp?: string;
  test?: boolean;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function httpUrl(value: string, option: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw invalidInput(`${option}: ${JSON.stringify(value)} is not an http(s) address`);
}

function applyOptions(config: ClientConfig, options: NotifyOptions): ClientConfig {
  const notify = { ...config.notify };
  if (options.webhook === false) notify.webhook = null;
  else if (options.webhook !== undefined || options.webhookSecret !== undefined) {
    const url = options.webhook !== undefined ? httpUrl(options.webhook, '--webhook') : notify.webhook?.url;
    if (!url) throw invalidInput('--webhook-secret needs --webhook URL');
    const secret = options.webhookSecret ?? notify.webhook?.secret ?? null;
    if (secret) {
      try {
        new Webhook(secret);
      } catch {
        throw invalidInput('--webhook-secret: a Standard Webhooks secret is whsec_ followed by base64');
      }
    }
    notify.webhook = { url, secret };
  }
  if (options.emailTo === false) notify.email = null;
  else if (options.emailTo !== undefined || options.emailFrom !== undefined || options.smtp !== undefined) {
    const to = options.emailTo !== undefined ? options.emailTo.split(',').map((a) => a.trim()).filter(Boolean) : (notify.email?.to ?? []);
    const bad = to.find((a) => !EMAIL.test(a));
    if (to.length === 0 || bad) throw invalidInput(`--email-to: ${bad ? `${JSON.stringify(bad)} is not an e-mail address` : 'give one or more addresses, separated by commas'}`);
    const from = options.emailFrom ?? notify.email?.from;
    if (!from || !EMAIL.test(from)) throw invalidInput('--email-from: the sender address is required, e.g. renewals@example.com');
    const smtpUrl = options.smtp ?? notify.email?.smtpUrl;
    if (!smtpUrl || !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) throw invalidInput('--smtp: the mail server, e.g. smtp://mail.example.com:25 or smtps://user:pass@mail.example.com');
    notify.email = { to, from, smtpUrl };
  }
  return { ...config, notify };
}

function testAlert(now: Date): RaisedAlert {
  const at = now.toISOString();
  return { id: `test/${at}`, serialNumber: 'M0000000000', stage: 'test', endsAt: at.slice(0, 10), dueOn: at.slice(0, 10), raisedAt: at, message: 'Test alert from renewal-assistant: deliveries work.', pending: [], lastError: null };
}

/** Where alerts go besides the terminal and `alerts.log`: a webhook and/or e-mail over SMTP. */
export async function runNotify(ctx: CommandContext, options: NotifyOptions): Promise<void> {
  const before = await readConfig(ctx.paths);
  const config = applyOptions(before, options);
  if (config !== before) await writeConfig(ctx.paths, config);
  const { webhook, email } = config.notify;
  const { out } = ctx;
  if (options.test) {
    if (!webhook && !email) throw invalidInput('--test: no webhook or e-mail configured to test');
    const alert = testAlert(ctx.now);
    if (webhook) await out.busy(`Posting a test alert to ${webhook.url}`, () => postWebhook(webhook, alert)).catch((e: Error) => { throw new CliError('delivery_failed', e.message); });
    if (email) await out.busy(`Mailing a test alert to ${email.to.join(', ')}`, () => sendEmail(email, alert)).catch((e: Error) => { throw new CliError('delivery_failed', e.message); });
  }
  const redacted = { webhook: webhook ? { url: webhook.url, signed: webhook.secret !== null } : null, email: email ? { to: email.to, from: email.from, smtp: new URL(email.smtpUrl).host } : null };
  if (out.json) {
    out.data(redacted);
    return;
  }
  out.line(`Webhook: ${redacted.webhook ? `${redacted.webhook.url}${redacted.webhook.signed ? ' (signed)' : ''}` : out.paint.dim('off')}`);
  out.line(`E-mail:  ${redacted.email ? `${redacted.email.to.join(', ')} via ${redacted.email.smtp}, from ${redacted.email.from}` : out.paint.dim('off')}`);
  if (options.test) out.line(`${out.paint.green('✔')} Test alert delivered.`);
}
