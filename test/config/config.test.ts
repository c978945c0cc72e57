/**
 * readConfig(env): the defaults that make `npm start` work with nothing set, and a ConfigError for every wrong value
 * that names the variable, what was given and what is allowed. That the process prints that message alone and exits 1
 * is test/e2e/process.test.ts's.
 */
import { ConfigError, readConfig, type Config } from '../../src/config';

/** The error readConfig throws for `env`; fails the test if it does not throw a ConfigError. */
function configError(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`);
}

describe('defaults', () => {
  it('need nothing set: port 3978 on loopback, bounded memory storage, info logs', () => {
    // toMatchObject: other sections of the configuration (Direct Line, …) have their own tests.
    expect(readConfig({})).toMatchObject<Partial<Config>>({
      port: 3978,
      host: '127.0.0.1',
      hostExplicit: false,
      microsoftAppId: '',
      microsoftAppPassword: '',
      microsoftAppType: 'MultiTenant',
      microsoftAppTenantId: '',
      authenticated: false,
      storage: { kind: 'memory', maxItems: 10_000, ttlMs: 24 * 60 * 60_000 },
      logLevel: 'info',
      maxBodyBytes: 256 * 1024,
      rateLimitPerMinute: 600,
      heapGrowthPercent: 100,
    });
  });

  it('treat empty and blank values as unset', () => {
    const blank = readConfig({
      PORT: '',
      HOST: '  ',
      STORAGE: '',
      LOG_LEVEL: ' ',
      MicrosoftAppType: '',
      STATE_TTL_MINUTES: '',
      MAX_BODY_KB: ' ',
    });
    const unset = readConfig({});
    for (const key of [
      'port',
      'host',
      'hostExplicit',
      'microsoftAppType',
      'storage',
      'logLevel',
      'maxBodyBytes',
    ] as const)
      expect(blank[key]).toEqual(unset[key]);
  });

  it('listen on every interface once Bot Framework credentials are set', () => {
    const config = readConfig({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'secret',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      hostExplicit: false,
      authenticated: true,
      microsoftAppType: 'MultiTenant',
    });
  });

  it('let HOST win either way', () => {
    expect(readConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' })).toMatchObject({
      host: '0.0.0.0',
      hostExplicit: true,
      authenticated: false,
      allowUnauthenticated: true,
    });
    expect(readConfig({ HOST: '127.0.0.1', MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' })).toMatchObject({
      host: '127.0.0.1',
      hostExplicit: true,
    });
  });

  it.each<[string, Record<string, string>, Partial<Config>]>([
    ['a port, trimmed', { PORT: ' 8080 ' }, { port: 8080 }],
    ['port 0 (any free port)', { PORT: '0' }, { port: 0 }],
    [
      'a single-tenant app',
      {
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppId: 'id',
        MicrosoftAppPassword: 'pw',
        MicrosoftAppTenantId: 'tenant',
      },
      { microsoftAppType: 'SingleTenant', microsoftAppTenantId: 'tenant' },
    ],
    [
      'a managed identity without a password',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'id', MicrosoftAppTenantId: 'tenant' },
      { microsoftAppType: 'UserAssignedMSI', authenticated: true },
    ],
    [
      'memory storage limits',
      { STATE_MAX_CONVERSATIONS: '500', STATE_TTL_MINUTES: '60' },
      { storage: { kind: 'memory', maxItems: 500, ttlMs: 3_600_000 } },
    ],
    [
      'blob storage with the default container',
      { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true;' },
      { storage: { kind: 'blob', connectionString: 'UseDevelopmentStorage=true;', container: 'statusbot-state' } },
    ],
    [
      'blob storage with a container',
      { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'cs', BLOB_CONTAINER: 'bot-state-1' },
      { storage: { kind: 'blob', connectionString: 'cs', container: 'bot-state-1' } },
    ],
    ['a log level', { LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    ['a body limit in KB', { MAX_BODY_KB: '1024' }, { maxBodyBytes: 1024 * 1024 }],
    ['a rate limit', { RATE_LIMIT_PER_MINUTE: '30' }, { rateLimitPerMinute: 30 }],
    ['heap growth left to V8', { HEAP_GROWTH_PERCENT: '0' }, { heapGrowthPercent: 0 }],
    ['the largest heap growth', { HEAP_GROWTH_PERCENT: '300' }, { heapGrowthPercent: 300 }],
    [
      'no trusted proxy by default',
      {},
      {
        trustProxy: { hops: 0 },
        allowedHosts: [],
        operatorToken: '',
        maxConnections: 10_000,
        maxConnectionsPerAddress: 256,
      },
    ],
    ['one trusted proxy hop', { TRUST_PROXY: '1' }, { trustProxy: { hops: 1 } }],
    [
      'trusted proxies by address and block',
      { TRUST_PROXY: '10.0.0.0/8, 192.168.1.7, fd00::/8' },
      { trustProxy: { ranges: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'] } },
    ],
    ['loopback proxies', { TRUST_PROXY: 'loopback' }, { trustProxy: { ranges: ['127.0.0.0/8', '::1/128'] } }],
    [
      'host names to answer to',
      { ALLOWED_HOSTS: 'Bot.Example.com, *.example.org' },
      { allowedHosts: ['bot.example.com', '*.example.org'] },
    ],
    ['an operator token', { OPERATOR_TOKEN: 'x'.repeat(32) }, { operatorToken: 'x'.repeat(32) }],
    [
      'connection caps',
      { MAX_CONNECTIONS: '500', MAX_CONNECTIONS_PER_ADDRESS: '10' },
      { maxConnections: 500, maxConnectionsPerAddress: 10 },
    ],
    ['a loopback HOST without credentials', { HOST: '::1' }, { host: '::1', authenticated: false }],
    ['localhost without credentials', { HOST: 'localhost' }, { host: 'localhost' }],
    [
      'any HOST with credentials',
      { HOST: '10.1.2.3', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' },
      { host: '10.1.2.3' },
    ],
    [
      'a per-conversation rate limit',
      { CONVERSATION_RATE_LIMIT_PER_MINUTE: '10' },
      { conversationRateLimitPerMinute: 10 },
    ],
    ['no /mcp by default', {}, { mcp: { http: false, token: '' } }],
    ['/mcp on loopback without a token', { MCP_HTTP: 'true' }, { mcp: { http: true, token: '' } }],
    [
      '/mcp on loopback with a token',
      { MCP_HTTP: 'true', MCP_TOKEN: ' ' + 'm'.repeat(24) + ' ' },
      { mcp: { http: true, token: 'm'.repeat(24) } },
    ],
    [
      '/mcp on every interface with a token',
      { MCP_HTTP: 'true', MCP_TOKEN: 'm'.repeat(32), HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' },
      { mcp: { http: true, token: 'm'.repeat(32) } },
    ],
    [
      '/mcp with credentials and a token',
      { MCP_HTTP: 'true', MCP_TOKEN: 'm'.repeat(32), MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' },
      { host: '0.0.0.0', mcp: { http: true, token: 'm'.repeat(32) } },
    ],
    [
      '/mcp off, whatever the host',
      { MCP_HTTP: 'false', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' },
      { mcp: { http: false, token: '' } },
    ],
  ])('accept %s', (_name, env, expected) => {
    expect(readConfig(env)).toMatchObject(expected);
  });
});

describe('invalid values', () => {
  const APP = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' };
  const cases: Array<{ env: Record<string, string>; variable: string; value: string; allowed: string }> = [
    { env: { PORT: 'abc' }, variable: 'PORT', value: 'abc', allowed: 'a whole number from 0 to 65535' },
    { env: { PORT: '70000' }, variable: 'PORT', value: '70000', allowed: 'a whole number from 0 to 65535' },
    { env: { PORT: '80.5' }, variable: 'PORT', value: '80.5', allowed: 'a whole number from 0 to 65535' },
    { env: { PORT: '-1' }, variable: 'PORT', value: '-1', allowed: 'a whole number from 0 to 65535' },
    {
      env: { MicrosoftAppType: 'Foo' },
      variable: 'MicrosoftAppType',
      value: 'Foo',
      allowed: 'one of MultiTenant, SingleTenant, UserAssignedMSI',
    },
    {
      env: { ...APP, MicrosoftAppType: 'SingleTenant' },
      variable: 'MicrosoftAppTenantId',
      value: '',
      allowed: 'tenant id',
    },
    {
      env: { MicrosoftAppId: APP.MicrosoftAppId },
      variable: 'MicrosoftAppPassword',
      value: '',
      allowed: 'client secret',
    },
    {
      env: { STORAGE: 'redis' },
      variable: 'STORAGE',
      value: 'redis',
      allowed: 'memory (the default, bounded in-process store) or blob (Azure Blob Storage)',
    },
    {
      env: { STORAGE: 'blob' },
      variable: 'BLOB_CONNECTION_STRING',
      value: '',
      allowed: 'an Azure Storage connection string when STORAGE=blob',
    },
    {
      env: { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'cs', BLOB_CONTAINER: 'Bot_State' },
      variable: 'BLOB_CONTAINER',
      value: 'Bot_State',
      allowed: '3–63 characters of lower-case letters, digits and single hyphens',
    },
    {
      env: { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'cs', BLOB_CONTAINER: 'ab' },
      variable: 'BLOB_CONTAINER',
      value: 'ab',
      allowed: '3–63 characters',
    },
    {
      env: { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'cs', BLOB_CONTAINER: 'bot--state' },
      variable: 'BLOB_CONTAINER',
      value: 'bot--state',
      allowed: 'single hyphens',
    },
    {
      env: { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'cs', BLOB_CONTAINER: 'x'.repeat(64) },
      variable: 'BLOB_CONTAINER',
      value: 'x'.repeat(64),
      allowed: '3–63 characters',
    },
    {
      env: { LOG_LEVEL: 'loud' },
      variable: 'LOG_LEVEL',
      value: 'loud',
      allowed: 'one of fatal, error, warn, info, debug, trace, silent',
    },
    {
      env: { STATE_TTL_MINUTES: '0' },
      variable: 'STATE_TTL_MINUTES',
      value: '0',
      allowed: 'a whole number from 1 to 525600',
    },
    {
      env: { STATE_MAX_CONVERSATIONS: '0' },
      variable: 'STATE_MAX_CONVERSATIONS',
      value: '0',
      allowed: 'a whole number from 1 to 10000000',
    },
    { env: { MAX_BODY_KB: '0' }, variable: 'MAX_BODY_KB', value: '0', allowed: 'a whole number from 1 to 10240' },
    {
      env: { MAX_BODY_KB: '10241' },
      variable: 'MAX_BODY_KB',
      value: '10241',
      allowed: 'a whole number from 1 to 10240',
    },
    { env: { MAX_BODY_KB: '1mb' }, variable: 'MAX_BODY_KB', value: '1mb', allowed: 'a whole number from 1 to 10240' },
    {
      env: { RATE_LIMIT_PER_MINUTE: '0' },
      variable: 'RATE_LIMIT_PER_MINUTE',
      value: '0',
      allowed: 'a whole number from 1 to 1000000',
    },
    {
      env: { RATE_LIMIT_PER_MINUTE: '1.5' },
      variable: 'RATE_LIMIT_PER_MINUTE',
      value: '1.5',
      allowed: 'a whole number from 1 to 1000000',
    },
    {
      env: { RATE_LIMIT_PER_MINUTE: 'lots' },
      variable: 'RATE_LIMIT_PER_MINUTE',
      value: 'lots',
      allowed: 'a whole number from 1 to 1000000',
    },
    {
      env: { HEAP_GROWTH_PERCENT: '301' },
      variable: 'HEAP_GROWTH_PERCENT',
      value: '301',
      allowed: 'a whole number from 0 to 300',
    },
    {
      env: { HEAP_GROWTH_PERCENT: '-10' },
      variable: 'HEAP_GROWTH_PERCENT',
      value: '-10',
      allowed: 'a whole number from 0 to 300',
    },
    {
      env: { HEAP_GROWTH_PERCENT: '50%' },
      variable: 'HEAP_GROWTH_PERCENT',
      value: '50%',
      allowed: 'a whole number from 0 to 300',
    },
    {
      env: { HOST: '0.0.0.0' },
      variable: 'HOST',
      value: '0.0.0.0',
      allowed: 'set ALLOW_UNAUTHENTICATED=true to expose it anyway',
    },
    { env: { HOST: '192.168.1.10' }, variable: 'HOST', value: '192.168.1.10', allowed: 'a loopback address' },
    { env: { HOST: '::' }, variable: 'HOST', value: '::', allowed: 'a loopback address' },
    {
      env: { HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'yes' },
      variable: 'ALLOW_UNAUTHENTICATED',
      value: 'yes',
      allowed: 'true or false',
    },
    { env: { TRUST_PROXY: '11' }, variable: 'TRUST_PROXY', value: '11', allowed: 'a whole number from 0 to 10' },
    { env: { TRUST_PROXY: 'nginx' }, variable: 'TRUST_PROXY', value: 'nginx', allowed: 'CIDR blocks' },
    { env: { TRUST_PROXY: '10.0.0.0/33' }, variable: 'TRUST_PROXY', value: '10.0.0.0/33', allowed: 'CIDR blocks' },
    {
      env: { ALLOWED_HOSTS: 'https://bot.example.com' },
      variable: 'ALLOWED_HOSTS',
      value: 'https://bot.example.com',
      allowed: 'host names such as bot.example.com',
    },
    {
      env: { OPERATOR_TOKEN: 'short' },
      variable: 'OPERATOR_TOKEN',
      value: '(hidden)',
      allowed: 'at least 24 characters',
    },
    {
      env: { MAX_CONNECTIONS_PER_ADDRESS: '0' },
      variable: 'MAX_CONNECTIONS_PER_ADDRESS',
      value: '0',
      allowed: 'a whole number from 1 to 1000000',
    },
    { env: { MCP_HTTP: 'yes' }, variable: 'MCP_HTTP', value: 'yes', allowed: 'true or false' },
    { env: { MCP_TOKEN: 'short' }, variable: 'MCP_TOKEN', value: '(hidden)', allowed: 'at least 24 characters' },
    {
      env: { MCP_HTTP: 'true', MCP_TOKEN: 'short' },
      variable: 'MCP_TOKEN',
      value: '(hidden)',
      allowed: 'at least 24 characters',
    },
    {
      env: { MCP_HTTP: 'true', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' },
      variable: 'MCP_TOKEN',
      value: '',
      allowed: 'when MCP_HTTP=true and HOST (0.0.0.0) is not a loopback address',
    },
    {
      env: { MCP_HTTP: 'true', HOST: '192.168.1.10', ALLOW_UNAUTHENTICATED: 'true' },
      variable: 'MCP_TOKEN',
      value: '',
      allowed: 'a bearer token of at least 24 characters',
    },
  ];

  it.each(cases)(
    '$variable=$value: a ConfigError naming $variable and what it accepts',
    ({ env, variable, value, allowed }) => {
      const err = configError(env);
      expect(err.name).toBe('ConfigError');
      expect(err.message).toContain(`${variable}=${JSON.stringify(value)} is not allowed`);
      expect(err.message).toContain(`${variable} must be`);
      expect(err.message).toContain(allowed);
      expect(err.message).toMatch(/Fix it in \.env or the environment \(see \.env\.example\)\.$/);
    },
  );
});
