import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import type { S3Settings } from './platform/s3-blob-store.js';

/** Every setting of SPEC §16, parsed once. This file is the only reader of process.env. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  smtpUrl: string | undefined;
  /** undefined: decided at start (on for a new embedded database). */
  demo: boolean | undefined;
  secret: string;
  role: 'web' | 'worker' | 'all';
  sqliteSynchronous: 'full' | 'normal';
  /** SQLite's page cache per connection, in MiB. */
  sqliteCacheMiB: number;
  redisUrl: string | undefined;
  vendorName: string;
  downloadLinkTtlSeconds: number;
  logLevel: string;
  /** Behind HTTPS (PUBLIC_URL starts with https): cookies get `Secure`. */
  secureCookies: boolean;
  /** Password hashing cost; lowered only by tests. */
  passwordHashCost: 'standard' | 'test';
  /** DNS servers for checking e-mail domain claims (TXT records); undefined: the system's resolvers. */
  dnsServers: string[] | undefined;
  /** Release files in an S3-compatible bucket instead of DATA_DIR/blobs. */
  s3: S3Settings | undefined;
}

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:|postgresql:)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/portal.db'),
  DATA_DIR: z.string().min(1).default('./data'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://…').optional(),
  PORTAL_DEMO: boolish.optional(),
  PORTAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PORTAL_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  SQLITE_CACHE_MB: z.coerce.number().int().min(2).max(65_536).default(128),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be redis://…').optional(),
  VENDOR_NAME: z.string().min(1).default('Example Software'),
  DOWNLOAD_LINK_TTL: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORTAL_PASSWORD_HASH_COST: z.enum(['standard', 'test']).default('standard'),
  DNS_SERVERS: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be a comma-separated list of host or host:port')
    .transform((v) => v.split(','))
    .optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  S3_PREFIX: z.string().regex(/^[A-Za-z0-9!_.*'()/-]*$/, 'must be a plain key prefix').default(''),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export class ConfigError extends Error {}

/**
 * Parses settings from `env` (process.env plus `.env` by default). Fails naming each bad variable.
 * `PORTAL_SECRET`, when unset, is generated once into DATA_DIR so restarts keep sessions and keys.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnv()): Readonly<Config> {
  const parsed = ZEnv.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dialect: e.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'postgres',
    dataDir,
    smtpUrl: e.SMTP_URL,
    demo: e.PORTAL_DEMO,
    secret: e.PORTAL_SECRET ?? readOrCreateSecret(dataDir),
    role: e.PORTAL_ROLE,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sqliteCacheMiB: e.SQLITE_CACHE_MB,
    redisUrl: e.REDIS_URL,
    vendorName: e.VENDOR_NAME,
    downloadLinkTtlSeconds: e.DOWNLOAD_LINK_TTL,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https:'),
    passwordHashCost: e.PORTAL_PASSWORD_HASH_COST,
    dnsServers: e.DNS_SERVERS,
    s3: s3Settings(e),
  });
}

function s3Settings(e: z.infer<typeof ZEnv>): S3Settings | undefined {
  if (!e.S3_BUCKET) return undefined;
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
  }
  return {
    bucket: e.S3_BUCKET,
    prefix: e.S3_PREFIX,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
  };
}

function readProcessEnv(): NodeJS.ProcessEnv {
  loadDotenv({ quiet: true });
  return process.env;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'portal-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
