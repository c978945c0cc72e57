/**
 * StatusBot as an MCP server (Model Context Protocol) for AI assistants: one definition, the same engine as the chat,
 * served over stdio by src/cli/statusbot-mcp.ts and over Streamable HTTP at /mcp by src/server/mcp-endpoint.ts.
 *
 *   const server = createStatusBotMcpServer(engine);
 *   await server.connect(new StdioServerTransport());
 *
 * Tools: explain_http_error, triage_log, lookup_status, compare_statuses. Resources: statusbot://codes/{id}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StatusEngine } from '../knowledge/engine';
import { DEFAULT_DATA_DIR } from '../knowledge/load-table';
import type { Understanding } from '../knowledge/understanding';
import { registerCompareStatuses } from './compare-statuses-tool';
import { registerExplainHttpError } from './explain-http-error-tool';
import { registerLookupStatus } from './lookup-status-tool';
import { registerStatusResources } from './status-resources';
import { registerTriageLog } from './triage-log-tool';

/** Told of every text a tool read (for the usage statistics the chat and REST API keep too). */
export type RecordAsked = (text: string, understanding: Understanding) => void;

export interface StatusBotMcpOptions {
  recordAsked?: RecordAsked;
}

const INSTRUCTIONS = [
  'StatusBot explains HTTP status codes and the errors around them from a curated table ' +
    '(IANA registry, vendor codes of Cloudflare, nginx, AWS, IIS and others, provider errors of AWS, Azure, gRPC, ' +
    'Kubernetes, Stripe and more, network errors with no status).',
  'For anything a user pasted or describes, call explain_http_error with the text as is; for many log lines, ' +
    'triage_log; to choose between codes, compare_statuses; for reference on one number, lookup_status.',
  "Each answer says what the status means, the likely fix for the user's side, whether to retry, and related codes; " +
    'the Markdown part can be shown to the user as it is.',
].join(' ');

let version: string | undefined;

/** The project's version, as package.json gives it (the data directory sits beside it). */
function statusBotVersion(): string {
  version ??= (JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, '..', 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}

export function createStatusBotMcpServer(engine: StatusEngine, options: StatusBotMcpOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'statusbot', title: 'StatusBot', version: statusBotVersion() },
    { instructions: INSTRUCTIONS },
  );
  registerExplainHttpError(server, engine, options.recordAsked);
  registerTriageLog(server, engine, options.recordAsked);
  registerLookupStatus(server, engine);
  registerCompareStatuses(server, engine);
  registerStatusResources(server, engine);
  return server;
}
