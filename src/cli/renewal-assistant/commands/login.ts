import * as prompts from '@clack/prompts';
import { writeFileAtomic } from '../atomic-file.js';
import { readConfig, writeConfig } from '../config.js';
import type { CommandContext } from '../context.js';
import { CliError, invalidInput } from '../errors.js';
import { checkToken, downloadSigningKeys, fetchAccount } from '../portal-client.js';

export interface LoginOptions {
  portal: string;
  token?: string;
  account?: string;
}

function normalizePortalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalidInput(`--portal: ${JSON.stringify(input)} is not a web address`, 'e.g. --portal https://licensing.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput('--portal: the address must start with https:// (or http:// on a trusted network)');
  if (url.username || url.password || url.search || url.hash) throw invalidInput('--portal: give the bare address of the portal, without a user, query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

async function askToken(ctx: CommandContext): Promise<string> {
  if (!ctx.out.interactive) {
    throw invalidInput('no API token given', 'pass --token, set RENEWAL_ASSISTANT_TOKEN, or run login at a terminal to be asked for it');
  }
  const answer = await prompts.password({
    message: 'API token (create one in the portal: Account settings → API tokens)',
    validate: (value) => (value?.trim() ? undefined : 'paste the token shown when it was created'),
  });
  if (prompts.isCancel(answer)) throw new CliError('cancelled', 'cancelled: nothing was stored');
  return answer.trim();
}

/**
 * Store the portal and its API token, after proving both: the token against the lookup endpoint
 * (and against `--account` when given), and the portal's signing keys, cached for `import`.
 */
export async function runLogin(ctx: CommandContext, options: LoginOptions, envToken: string | undefined): Promise<void> {
  const url = normalizePortalUrl(options.portal);
  const token = options.token?.trim() || envToken?.trim() || (await askToken(ctx));
  const target = { url, token };
  const { out } = ctx;

  await out.busy(`Checking the token with ${url}`, () => checkToken(target), () => 'The portal accepted the token');
  const account = options.account ? await out.busy('Checking the account', () => fetchAccount(target, options.account!.trim()), (a) => `Account: ${a.name}`) : null;
  const jwks = await out.busy('Fetching the portal\'s signing keys', () => downloadSigningKeys(url), (k) => `Cached ${k.keys.length} signing key${k.keys.length === 1 ? '' : 's'}`);

  await writeFileAtomic(ctx.paths.signingKeysFile, `${JSON.stringify(jwks, null, 2)}\n`);
  const config = await readConfig(ctx.paths);
  await writeConfig(ctx.paths, {
    ...config,
    portal: { url, token, accountId: account?.id ?? null, accountName: account?.name ?? null, loggedInAt: ctx.now.toISOString() },
  });

  if (out.json) {
    out.data({ portal: url, accountId: account?.id ?? null, accountName: account?.name ?? null, signingKeys: jwks.keys.length, configFile: ctx.paths.configFile });
    return;
  }
  out.line(`${out.paint.green('✔')} Logged in to ${url}${account ? ` as account ${account.name}` : ''}.`);
  out.line(out.paint.dim(`The token is stored in ${ctx.paths.configFile} (readable by you only).`));
  out.line('Next: renewal-assistant add M… to track a maintenance contract.');
}
