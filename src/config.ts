/**
 * StatusBot's configuration, read once at start from the environment (and `.env` when present). Every value is
 * validated here; a wrong one stops start-up with a message naming the variable and the values it accepts.
 * See `.env.example` for every variable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isLoopbackHost } from './server/client-address';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';

export type StorageConfig =
  | { kind: 'memory'; maxItems: number; ttlMs: number }
  | { kind: 'blob'; connectionString: string; container: string };

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

/** The MCP server for AI assistants over Streamable HTTP at /mcp (src/server/mcp-endpoint.ts); stdio needs no setting. */
export interface McpConfig {
  /** MCP_HTTP=true: serve /mcp; otherwise it does not exist (404). */
  http: boolean;
  /** MCP_TOKEN: the bearer token every /mcp request must carry when set; required when /mcp is served beyond loopback. */
  token: string;
}

export class ConfigError extends Error {
  constructor(variable: string, value: string, allowed: string) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(value)} is not allowed; ${variable} must be ${allowed}. Fix it in .env or the environment (see .env.example).`);
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

export function readConfig(env: Env = process.env): Config {
  const get = (name: string) => (env[name] ?? '').trim();

  const port = integer(env, 'PORT', 3978, 0, 65535);
  const microsoftAppId = get('MicrosoftAppId');
  const microsoftAppPassword = get('MicrosoftAppPassword');
  const microsoftAppTenantId = get('MicrosoftAppTenantId');
  const appType = get('MicrosoftAppType') || 'MultiTenant';
  if (!(APP_TYPES as readonly string[]).includes(appType)) throw new ConfigError('MicrosoftAppType', appType, `one of ${APP_TYPES.join(', ')} (or empty for MultiTenant)`);
  if (appType === 'SingleTenant' && microsoftAppId && !microsoftAppTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', '', 'your Azure AD tenant id (a GUID) when MicrosoftAppType is SingleTenant');
  }
  if (microsoftAppId && appType !== 'UserAssignedMSI' && !microsoftAppPassword) {
    throw new ConfigError('MicrosoftAppPassword', '', 'the client secret of the app registration when MicrosoftAppId is set');
  }
  const authenticated = microsoftAppId !== '';

  const hostRaw = get('HOST');
  const host = hostRaw || (authenticated ? '0.0.0.0' : '127.0.0.1');
  const allowUnauthenticated = flag(env, 'ALLOW_UNAUTHENTICATED');
  if (!authenticated && !isLoopbackHost(host) && !allowUnauthenticated) {
    throw new ConfigError(
      'HOST',
      host,
      'a loopback address (127.0.0.1, ::1, localhost) while no MicrosoftAppId is set, because anyone who can reach the bot could then use it; set ALLOW_UNAUTHENTICATED=true to expose it anyway',
    );
  }

  const logLevel = get('LOG_LEVEL') || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError('LOG_LEVEL', logLevel, `one of ${LOG_LEVELS.join(', ')}`);

  const storageKind = get('STORAGE') || 'memory';
  let storage: StorageConfig;
  if (storageKind === 'memory') {
    storage = {
      kind: 'memory',
      maxItems: integer(env, 'STATE_MAX_CONVERSATIONS', 10_000, 1, 10_000_000),
      ttlMs: integer(env, 'STATE_TTL_MINUTES', 24 * 60, 1, 525_600) * 60_000,
    };
  } else if (storageKind === 'blob') {
    const connectionString = get('BLOB_CONNECTION_STRING');
    if (!connectionString) throw new ConfigError('BLOB_CONNECTION_STRING', '', 'an Azure Storage connection string when STORAGE=blob');
    const container = get('BLOB_CONTAINER') || 'statusbot-state';
    if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(container)) {
      throw new ConfigError('BLOB_CONTAINER', container, '3–63 characters of lower-case letters, digits and single hyphens (an Azure container name)');
    }
    storage = { kind: 'blob', connectionString, container };
  } else {
    throw new ConfigError('STORAGE', storageKind, 'memory (the default, bounded in-process store) or blob (Azure Blob Storage)');
  }

  return {
    port,
    host,
    hostExplicit: hostRaw !== '',
    allowUnauthenticated,
    allowedHosts: allowedHosts(env),
    trustProxy: trustProxy(env),
    operatorToken: operatorToken(env),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    maxConnectionsPerAddress: integer(env, 'MAX_CONNECTIONS_PER_ADDRESS', 256, 1, 1_000_000),
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType: appType as Config['microsoftAppType'],
    microsoftAppTenantId,
    authenticated,
    botOpenIdMetadata: url(env, 'BotOpenIdMetadata'),
    storage,
    logLevel: logLevel as Config['logLevel'],
    maxBodyBytes: integer(env, 'MAX_BODY_KB', 256, 1, 10_240) * 1024,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    conversationRateLimitPerMinute: integer(env, 'CONVERSATION_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    allowedOrigins: allowedOrigins(env),
    directLine: directLineConfig(env),
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', DEFAULT_HEAP_GROWTH_PERCENT, 0, 300),
    mcp: mcpConfig(env, host),
    publicUrl: publicUrl(env),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = (env[name] ?? '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, raw, `a whole number from ${min} to ${max}`);
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(name, raw, 'true or false');
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function allowedHosts(env: Env): string[] {
  return list(env, 'ALLOWED_HOSTS').map((host) => {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host)) {
      throw new ConfigError('ALLOWED_HOSTS', (env.ALLOWED_HOSTS ?? '').trim(), `a comma-separated list of host names such as bot.example.com or *.example.com ("${host}" is not one)`);
    }
    return host.toLowerCase();
  });
}

function trustProxy(env: Env): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '') return { hops: 0 };
  if (/^\d+$/.test(raw)) return { hops: integer(env, 'TRUST_PROXY', 0, 0, 10) };
  const ranges = list(env, 'TRUST_PROXY').map((item) => (item === 'loopback' ? ['127.0.0.0/8', '::1/128'] : [item])).flat();
  for (const range of ranges) {
    const [address = '', prefix] = range.split('/');
    const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
    if (!bits || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= bits))) {
      throw new ConfigError('TRUST_PROXY', raw, `the number of proxies in front of the bot (0–10), or a comma-separated list of their addresses or CIDR blocks such as 10.0.0.0/8,loopback ("${range}" is neither)`);
    }
  }
  return { ranges };
}

function operatorToken(env: Env): string {
  const token = (env.OPERATOR_TOKEN ?? '').trim();
  if (token && token.length < 24) throw new ConfigError('OPERATOR_TOKEN', '(hidden)', 'at least 24 characters (for example the output of `openssl rand -base64 32`)');
  return token;
}

function mcpConfig(env: Env, host: string): McpConfig {
  const http = flag(env, 'MCP_HTTP');
  const token = (env.MCP_TOKEN ?? '').trim();
  if (token && token.length < 24) throw new ConfigError('MCP_TOKEN', '(hidden)', 'at least 24 characters (for example the output of `openssl rand -base64 32`)');
  if (http && !token && !isLoopbackHost(host)) {
    throw new ConfigError('MCP_TOKEN', '', `a bearer token of at least 24 characters when MCP_HTTP=true and HOST (${host}) is not a loopback address, so that only the assistants given it can use /mcp`);
  }
  return { http, token };
}

function url(env: Env, name: string): string {
  const raw = (env[name] ?? '').trim();
  if (!raw) return '';
  try {
    const parsed = new URL(raw);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return raw;
  } catch {
    // Reported below.
  }
  throw new ConfigError(name, raw, 'an absolute http(s) URL');
}

/** An http(s) base URL with no query, fragment or credentials: links are made by appending /codes/502 to it. */
function publicUrl(env: Env): string {
  const raw = (env.PUBLIC_URL ?? '').trim();
  if (!raw) return '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    // Reported below.
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash || parsed.username || parsed.password || raw.includes('?') || raw.includes('#')) {
    throw new ConfigError('PUBLIC_URL', raw, 'the absolute http(s) address people reach the bot at, such as https://bot.example.com or https://example.com/statusbot (no query, fragment or user name)');
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

// === Direct Line (self-hosted and Azure) and the origins allowed to use it

function allowedOrigins(env: Env): AllowedOrigins {
  const raw = (env.ALLOWED_ORIGINS ?? '').trim();
  if (raw === '*') return '*';
  const origins: string[] = [];
  for (const item of raw.split(',').map((o) => o.trim()).filter(Boolean)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(item);
    } catch {
      // Reported below.
    }
    // An origin is scheme://host[:port] and nothing else; "https://example.com/help" is a common slip.
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || item.replace(/\/$/, '') !== parsed.origin) {
      throw new ConfigError('ALLOWED_ORIGINS', raw, `a comma-separated list of origins such as https://www.example.com,https://status.example.com (scheme, host and port only; "${item}" is not one), or * for any`);
    }
    origins.push(parsed.origin);
  }
  return origins;
}

function directLineConfig(env: Env): DirectLineConfig {
  const get = (name: string) => (env[name] ?? '').trim();
  const tokenSecret = get('DIRECTLINE_TOKEN_SECRET');
  if (tokenSecret && tokenSecret.length < 32) {
    throw new ConfigError('DIRECTLINE_TOKEN_SECRET', '(hidden)', 'at least 32 characters (for example the output of `openssl rand -base64 48`)');
  }
  // The official client refreshes its token every 15 minutes, so a shorter lifetime would cut Web Chat off.
  // DIRECTLINE_TOKEN_TTL_SECONDS exists for tests and experiments that need tokens to expire quickly.
  const ttlSeconds = get('DIRECTLINE_TOKEN_TTL_SECONDS')
    ? integer(env, 'DIRECTLINE_TOKEN_TTL_SECONDS', 1800, 1, 86_400)
    : integer(env, 'DIRECTLINE_TOKEN_TTL_MINUTES', 30, 16, 1440) * 60;

  const secret = get('DIRECT_LINE_SECRET');
  let azure: DirectLineConfig['azure'];
  if (secret) {
    const endpoint = (url(env, 'DIRECT_LINE_ENDPOINT') || 'https://directline.botframework.com').replace(/\/+$/, '').replace(/\/v3\/directline$/i, '');
    azure = { secret, endpoint, timeoutMs: integer(env, 'DIRECT_LINE_TIMEOUT_SECONDS', 10, 1, 120) * 1000 };
  }

  return {
    tokenSecret: tokenSecret || randomBytes(32).toString('base64url'),
    tokenSecretExplicit: tokenSecret !== '',
    tokenTtlSeconds: ttlSeconds,
    maxActivityBytes: integer(env, 'DIRECTLINE_MAX_ACTIVITY_KB', 64, 1, 1024) * 1024,
    activitiesPerMinute: integer(env, 'DIRECTLINE_ACTIVITIES_PER_MINUTE', 30, 1, 100_000),
    tokensPerMinute: integer(env, 'DIRECTLINE_TOKENS_PER_MINUTE', 20, 1, 100_000),
    maxConversations: integer(env, 'DIRECTLINE_MAX_CONVERSATIONS', 10_000, 1, 1_000_000),
    historyBytes: integer(env, 'DIRECTLINE_HISTORY_MB', 128, 1, 65_536) * 1024 * 1024,
    azure,
  };
}
