/**
 * StatusBot's configuration, read once at start from the environment (and `.env` when present). Every value is
 * validated here by a zod schema of its text; a wrong one stops start-up with a message naming the variable and the
 * values it accepts.
 * See `.env.example` for every variable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isLoopbackHost } from './server/client-address';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod/v4';

export type StorageConfig =
  { kind: 'memory'; maxItems: number; ttlMs: number } | { kind: 'blob'; connectionString: string; container: string };

/**
 * Which proxies in front of the bot are trusted to say who the client is (X-Forwarded-For, -Host, -Proto):
 * none (the default), the nearest `hops`, or those whose addresses are in `ranges` (addresses and CIDR blocks).
 */
export type TrustProxy = { hops: number } | { ranges: string[] };

/** Web origins allowed to call the Direct Line and token endpoints (and to embed the widget); '*' allows any. */
export type AllowedOrigins = '*' | string[];

/** The self-hosted Direct Line (src/directline/) and the Azure Direct Line token exchange. */
export interface DirectLineConfig {
  /** HMAC-SHA256 key that signs Direct Line tokens: DIRECTLINE_TOKEN_SECRET, or random per process. */
  tokenSecret: string;
  /** False when the secret is random: tokens then die with the process and are not valid on other instances. */
  tokenSecretExplicit: boolean;
  tokenTtlSeconds: number;
  /** Largest activity body accepted by POST …/activities (413 above it). */
  maxActivityBytes: number;
  /** Activities a conversation (that is, its token) may post per minute before 429. */
  activitiesPerMinute: number;
  /** Tokens one client address may get from POST /api/directline/token per minute before 429. */
  tokensPerMinute: number;
  /** Most conversations kept in memory (least recently used dropped first). */
  maxConversations: number;
  /** Most bytes the conversations may hold in memory in all, counted as held (src/directline/memory-ledger.ts). */
  historyBytes: number;
  /** Set when DIRECT_LINE_SECRET is: tokens then come from Azure Direct Line. */
  azure?: { secret: string; endpoint: string; timeoutMs: number };
}

export interface Config {
  port: number;
  /** Address to listen on. Loopback by default when no Bot Framework credentials are set. */
  host: string;
  /** True when HOST was set explicitly. */
  hostExplicit: boolean;
  /** ALLOW_UNAUTHENTICATED=true: the operator accepts an unauthenticated bot on a non-loopback HOST. */
  allowUnauthenticated: boolean;
  /** ALLOWED_HOSTS: host names the server answers to without credentials, besides localhost and IP addresses. */
  allowedHosts: string[];
  trustProxy: TrustProxy;
  /** OPERATOR_TOKEN: bearer token for /api/stats and /metrics; empty serves them to loopback clients only. */
  operatorToken: string;
  /** Open connections in all, and from one client address (IPv6 by /64), before new ones are refused. */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** HEADERS_TIMEOUT_SECONDS: how long a request's headers may take to arrive before it is answered 408 and closed. */
  headersTimeoutSeconds: number;
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  microsoftAppTenantId: string;
  /** True when MicrosoftAppId is set: /api/messages then demands valid Bot Framework tokens. */
  authenticated: boolean;
  /** Where the channel's token-signing keys are published (BotOpenIdMetadata); empty for Azure's public cloud. */
  botOpenIdMetadata: string;
  storage: StorageConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes (413 above it). */
  maxBodyBytes: number;
  /** Requests a minute allowed per client address before 429. */
  rateLimitPerMinute: number;
  /** Activities a minute one user may send in one conversation of /api/messages before 429. */
  conversationRateLimitPerMinute: number;
  /** ALLOWED_ORIGINS: besides the bot's own origin, the web origins that may use its Direct Line and embed it. */
  allowedOrigins: AllowedOrigins;
  directLine: DirectLineConfig;
  /** HEAP_GROWTH_PERCENT: how far V8 may grow the heap past what survived a full collection; 0 lets V8 choose. */
  heapGrowthPercent: number;
  /**
   * PUBLIC_URL: the address people reach the bot at (https://bot.example.com, or with a path behind a proxy), without
   * a trailing slash; '' when unset. Links to the code pages are absolute with it (Teams needs that), relative without.
   */
  publicUrl: string;
  mcp: McpConfig;
}

/**
 * The MCP server for AI assistants over Streamable HTTP at /mcp (src/server/mcp-endpoint.ts); stdio needs no setting.
 */
export interface McpConfig {
  /** MCP_HTTP=true: serve /mcp; otherwise it does not exist (404). */
  http: boolean;
  /**
   * MCP_TOKEN: the bearer token every /mcp request must carry when set; required when /mcp is served beyond loopback.
   */
  token: string;
}

export class ConfigError extends Error {
  constructor(variable: string, value: string, allowed: string) {
    super(
      `Invalid configuration: ${variable}=${JSON.stringify(value)} is not allowed; ${variable} must be ${allowed}. ` +
        'Fix it in .env or the environment (see .env.example).',
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** See src/heap-growth.ts for why StatusBot does not leave this to V8. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 100;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** Loads `.env` from the project root into process.env (existing variables win), if the file exists. */
export function loadDotEnv(root: string): void {
  const path = join(root, '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}

// === What each variable accepts: a schema of its trimmed text, whose error message says what is allowed

const wholeNumber = (min: number, max: number) => {
  const allowed = `a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: allowed }).int(allowed).min(min, allowed).max(max, allowed);
};

const oneOf = <T extends string>(values: readonly T[], allowed = `one of ${values.join(', ')}`) =>
  z.enum(values as [T, ...T[]], { error: allowed });

const flag = z
  .string()
  .toLowerCase()
  .pipe(z.enum(['true', 'false'], { error: 'true or false' }))
  .transform((value) => value === 'true');

const token = (length: number, example: string) =>
  z.string().min(length, `at least ${length} characters (for example the output of \`${example}\`)`);

/** The URL when `text` is an absolute http(s) one. */
const httpUrlOf = (text: string): URL | undefined => {
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  return parsed && ['http:', 'https:'].includes(parsed.protocol) ? parsed : undefined;
};

const httpUrl = z.string().refine((text) => httpUrlOf(text) !== undefined, 'an absolute http(s) URL');

/** A comma-separated list whose every item passes `valid`; the message names the first that does not. */
const listOf = (valid: (item: string) => boolean, allowed: (bad: string) => string) =>
  z.string().transform((raw, ctx) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const bad = items.find((item) => !valid(item));
    if (bad === undefined) return items;
    ctx.issues.push({ code: 'custom', message: allowed(bad), input: raw });
    return z.NEVER;
  });

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const hostNames = listOf(
  (host) => HOST_NAME.test(host),
  (bad) => `a comma-separated list of host names such as bot.example.com or *.example.com ("${bad}" is not one)`,
).transform((hosts) => hosts.map((host) => host.toLowerCase()));

/** An address or CIDR block, or `loopback`. */
const isProxyRange = (item: string): boolean => {
  if (item === 'loopback') return true;
  const [address = '', prefix] = item.split('/');
  const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  return bits > 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits));
};
const proxyRanges = listOf(
  isProxyRange,
  (bad) =>
    'the number of proxies in front of the bot (0–10), or a comma-separated list of their addresses or CIDR blocks ' +
    `such as 10.0.0.0/8,loopback ("${bad}" is neither)`,
).transform((items) => items.flatMap((item) => (item === 'loopback' ? ['127.0.0.0/8', '::1/128'] : [item])));

/** An origin is scheme://host[:port] and nothing else; "https://example.com/help" is a common slip. */
const origins = listOf(
  (item) => httpUrlOf(item)?.origin === item.replace(/\/$/, ''),
  (bad) =>
    'a comma-separated list of origins such as https://www.example.com,https://status.example.com ' +
    `(scheme, host and port only; "${bad}" is not one), or * for any`,
).transform((items) => items.map((item) => new URL(item).origin));

/** An http(s) base URL with no query, fragment or credentials: links are made by appending /codes/502 to it. */
const publicUrlSchema = z.string().transform((raw, ctx) => {
  const parsed = httpUrlOf(raw);
  if (parsed && !parsed.username && !parsed.password && !raw.includes('?') && !raw.includes('#'))
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  const allowed =
    'the absolute http(s) address people reach the bot at, such as https://bot.example.com or ' +
    'https://example.com/statusbot (no query, fragment or user name)';
  ctx.issues.push({ code: 'custom', message: allowed, input: raw });
  return z.NEVER;
});

const blobContainer = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/,
    '3–63 characters of lower-case letters, digits and single hyphens (an Azure container name)',
  );

/**
 * The variable's value through its schema; unset or blank is `fallback`. A wrong value is a ConfigError naming the
 * variable, its value (unless `hidden`: a secret is never printed) and what its schema allows.
 */
function read<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: T, { hidden = false } = {}): T {
  const raw = (env[name] ?? '').trim();
  if (!raw) return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(name, hidden ? '(hidden)' : raw, parsed.error.issues[0]?.message ?? 'something else');
}

// === The configuration

export function readConfig(env: Env = process.env): Config {
  const get = (name: string) => (env[name] ?? '').trim();

  const port = read(env, 'PORT', wholeNumber(0, 65535), 3978);
  const microsoftAppId = get('MicrosoftAppId');
  const microsoftAppPassword = get('MicrosoftAppPassword');
  const microsoftAppTenantId = get('MicrosoftAppTenantId');
  const appType = read(
    env,
    'MicrosoftAppType',
    oneOf(APP_TYPES, `one of ${APP_TYPES.join(', ')} (or empty for MultiTenant)`),
    'MultiTenant',
  );
  if (appType === 'SingleTenant' && microsoftAppId && !microsoftAppTenantId) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      '',
      'your Azure AD tenant id (a GUID) when MicrosoftAppType is SingleTenant',
    );
  }
  if (microsoftAppId && appType !== 'UserAssignedMSI' && !microsoftAppPassword) {
    throw new ConfigError(
      'MicrosoftAppPassword',
      '',
      'the client secret of the app registration when MicrosoftAppId is set',
    );
  }
  const authenticated = microsoftAppId !== '';

  const hostRaw = get('HOST');
  const host = hostRaw || (authenticated ? '0.0.0.0' : '127.0.0.1');
  const allowUnauthenticated = read(env, 'ALLOW_UNAUTHENTICATED', flag, false);
  if (!authenticated && !isLoopbackHost(host) && !allowUnauthenticated) {
    throw new ConfigError(
      'HOST',
      host,
      'a loopback address (127.0.0.1, ::1, localhost) while no MicrosoftAppId is set, ' +
        'because anyone who can reach the bot could then use it; set ALLOW_UNAUTHENTICATED=true to expose it anyway',
    );
  }

  const logLevel = read(env, 'LOG_LEVEL', oneOf(LOG_LEVELS), 'info');

  const storageKind = read(
    env,
    'STORAGE',
    oneOf(['memory', 'blob'], 'memory (the default, bounded in-process store) or blob (Azure Blob Storage)'),
    'memory',
  );
  let storage: StorageConfig;
  if (storageKind === 'memory') {
    storage = {
      kind: 'memory',
      maxItems: read(env, 'STATE_MAX_CONVERSATIONS', wholeNumber(1, 10_000_000), 10_000),
      ttlMs: read(env, 'STATE_TTL_MINUTES', wholeNumber(1, 525_600), 24 * 60) * 60_000,
    };
  } else {
    const connectionString = get('BLOB_CONNECTION_STRING');
    if (!connectionString)
      throw new ConfigError('BLOB_CONNECTION_STRING', '', 'an Azure Storage connection string when STORAGE=blob');
    storage = {
      kind: 'blob',
      connectionString,
      container: read(env, 'BLOB_CONTAINER', blobContainer, 'statusbot-state'),
    };
  }

  return {
    port,
    host,
    hostExplicit: hostRaw !== '',
    allowUnauthenticated,
    allowedHosts: read(env, 'ALLOWED_HOSTS', hostNames, []),
    trustProxy: /^\d+$/.test(get('TRUST_PROXY'))
      ? { hops: read(env, 'TRUST_PROXY', wholeNumber(0, 10), 0) }
      : read(
          env,
          'TRUST_PROXY',
          proxyRanges.transform((ranges): TrustProxy => ({ ranges })),
          { hops: 0 },
        ),
    operatorToken: read(env, 'OPERATOR_TOKEN', token(24, 'openssl rand -base64 32'), '', { hidden: true }),
    maxConnections: read(env, 'MAX_CONNECTIONS', wholeNumber(1, 1_000_000), 10_000),
    maxConnectionsPerAddress: read(env, 'MAX_CONNECTIONS_PER_ADDRESS', wholeNumber(1, 1_000_000), 256),
    // At most the whole request's 30 s, which Node requires of it.
    headersTimeoutSeconds: read(env, 'HEADERS_TIMEOUT_SECONDS', wholeNumber(1, 30), 10),
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType: appType,
    microsoftAppTenantId,
    authenticated,
    botOpenIdMetadata: read(env, 'BotOpenIdMetadata', httpUrl, ''),
    storage,
    logLevel,
    maxBodyBytes: read(env, 'MAX_BODY_KB', wholeNumber(1, 10_240), 256) * 1024,
    rateLimitPerMinute: read(env, 'RATE_LIMIT_PER_MINUTE', wholeNumber(1, 1_000_000), 600),
    conversationRateLimitPerMinute: read(env, 'CONVERSATION_RATE_LIMIT_PER_MINUTE', wholeNumber(1, 1_000_000), 120),
    allowedOrigins: get('ALLOWED_ORIGINS') === '*' ? '*' : read(env, 'ALLOWED_ORIGINS', origins, []),
    directLine: directLineConfig(env),
    heapGrowthPercent: read(env, 'HEAP_GROWTH_PERCENT', wholeNumber(0, 300), DEFAULT_HEAP_GROWTH_PERCENT),
    mcp: mcpConfig(env, host),
    publicUrl: read(env, 'PUBLIC_URL', publicUrlSchema, ''),
  };
}

function mcpConfig(env: Env, host: string): McpConfig {
  const http = read(env, 'MCP_HTTP', flag, false);
  const mcpToken = read(env, 'MCP_TOKEN', token(24, 'openssl rand -base64 32'), '', { hidden: true });
  if (http && !mcpToken && !isLoopbackHost(host)) {
    throw new ConfigError(
      'MCP_TOKEN',
      '',
      `a bearer token of at least 24 characters when MCP_HTTP=true and HOST (${host}) is not a loopback address, ` +
        'so that only the assistants given it can use /mcp',
    );
  }
  return { http, token: mcpToken };
}

// === Direct Line (self-hosted and Azure)

function directLineConfig(env: Env): DirectLineConfig {
  const tokenSecret = read(env, 'DIRECTLINE_TOKEN_SECRET', token(32, 'openssl rand -base64 48'), '', { hidden: true });
  // The official client refreshes its token every 15 minutes, so a shorter lifetime would cut Web Chat off.
  // DIRECTLINE_TOKEN_TTL_SECONDS exists for tests and experiments that need tokens to expire quickly.
  const ttlSeconds = (env.DIRECTLINE_TOKEN_TTL_SECONDS ?? '').trim()
    ? read(env, 'DIRECTLINE_TOKEN_TTL_SECONDS', wholeNumber(1, 86_400), 1800)
    : read(env, 'DIRECTLINE_TOKEN_TTL_MINUTES', wholeNumber(16, 1440), 30) * 60;

  const secret = (env.DIRECT_LINE_SECRET ?? '').trim();
  let azure: DirectLineConfig['azure'];
  if (secret) {
    const endpoint = read(env, 'DIRECT_LINE_ENDPOINT', httpUrl, 'https://directline.botframework.com')
      .replace(/\/+$/, '')
      .replace(/\/v3\/directline$/i, '');
    azure = { secret, endpoint, timeoutMs: read(env, 'DIRECT_LINE_TIMEOUT_SECONDS', wholeNumber(1, 120), 10) * 1000 };
  }

  return {
    tokenSecret: tokenSecret || randomBytes(32).toString('base64url'),
    tokenSecretExplicit: tokenSecret !== '',
    tokenTtlSeconds: ttlSeconds,
    maxActivityBytes: read(env, 'DIRECTLINE_MAX_ACTIVITY_KB', wholeNumber(1, 1024), 64) * 1024,
    activitiesPerMinute: read(env, 'DIRECTLINE_ACTIVITIES_PER_MINUTE', wholeNumber(1, 100_000), 30),
    tokensPerMinute: read(env, 'DIRECTLINE_TOKENS_PER_MINUTE', wholeNumber(1, 100_000), 20),
    maxConversations: read(env, 'DIRECTLINE_MAX_CONVERSATIONS', wholeNumber(1, 1_000_000), 10_000),
    historyBytes: read(env, 'DIRECTLINE_HISTORY_MB', wholeNumber(1, 65_536), 128) * 1024 * 1024,
    azure,
  };
}
