/**
 * StatusBot's configuration, read once at start from the environment (and `.env` when present). Every value is
 * validated here; a wrong one stops start-up with a message naming the variable and the values it accepts.
 * See `.env.example` for every variable.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type StorageConfig =
  | { kind: 'memory'; maxItems: number; ttlMs: number }
  | { kind: 'blob'; connectionString: string; container: string };

export interface Config {
  port: number;
  /** Address to listen on. Loopback by default when no Bot Framework credentials are set. */
  host: string;
  /** True when HOST was set explicitly. */
  hostExplicit: boolean;
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  microsoftAppTenantId: string;
  /** True when MicrosoftAppId is set: /api/messages then demands valid Bot Framework tokens. */
  authenticated: boolean;
  storage: StorageConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes (413 above it). */
  maxBodyBytes: number;
  /** Requests a minute allowed per client address before 429. */
  rateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(variable: string, value: string, allowed: string) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(value)} is not allowed; ${variable} must be ${allowed}. Fix it in .env or the environment (see .env.example).`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

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
    microsoftAppId,
    microsoftAppPassword,
    microsoftAppType: appType as Config['microsoftAppType'],
    microsoftAppTenantId,
    authenticated,
    storage,
    logLevel: logLevel as Config['logLevel'],
    maxBodyBytes: integer(env, 'MAX_BODY_KB', 256, 1, 10_240) * 1024,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = (env[name] ?? '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, raw, `a whole number from ${min} to ${max}`);
  return value;
}
