import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from './atomic-file.js';
import { CliError } from './errors.js';
import type { ClientPaths } from './paths.js';

const ZPortalLogin = z.object({
  url: z.string(),
  token: z.string(),
  /** The account the token is bound to, when given at login or learnt since; null otherwise. */
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  loggedInAt: z.string(),
});

const ZWebhook = z.object({
  url: z.string(),
  /** A Standard Webhooks secret (`whsec_…`): when set, each delivery is signed with it. */
  secret: z.string().nullable(),
});

const ZEmail = z.object({ smtpUrl: z.string(), from: z.string(), to: z.array(z.string()).min(1) });

/** `config.json`: written with owner-only permissions, since it holds the API token. */
export const ZClientConfig = z.object({
  version: z.literal(1),
  portal: ZPortalLogin.nullable(),
  notify: z.object({ webhook: ZWebhook.nullable(), email: ZEmail.nullable() }),
});
export type ClientConfig = z.infer<typeof ZClientConfig>;
export type PortalLogin = z.infer<typeof ZPortalLogin>;
export type WebhookSettings = z.infer<typeof ZWebhook>;
export type EmailSettings = z.infer<typeof ZEmail>;

export const emptyConfig = (): ClientConfig => ({ version: 1, portal: null, notify: { webhook: null, email: null } });

export async function readConfig(paths: ClientPaths): Promise<ClientConfig> {
  const raw = await readJsonFile(paths.configFile);
  if (raw === undefined) return emptyConfig();
  const parsed = ZClientConfig.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the file';
    throw new CliError('state_damaged', `${paths.configFile} is not a valid configuration (${where})`, 'fix the entry, or run renewal-assistant login again');
  }
  return parsed.data;
}

/** A new file created 0600 and renamed into place: the token is never readable by others, even briefly. */
export async function writeConfig(paths: ClientPaths, config: ClientConfig): Promise<void> {
  await writeFileAtomic(paths.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

export function requireLogin(config: ClientConfig): PortalLogin {
  if (!config.portal) throw new CliError('not_logged_in', 'not logged in to a portal', 'run renewal-assistant login --portal URL');
  return config.portal;
}
