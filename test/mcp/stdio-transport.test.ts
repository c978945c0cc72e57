/**
 * `npm run mcp` as an editor or desktop assistant starts it: the built server (dist/src/cli/statusbot-mcp.js) spawned
 * as a child process, spoken to over stdin/stdout by the SDK's own Client and stdio transport.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ensureBuilt, ROOT } from '../support/bot-process';
import { describeMcpContract } from './mcp-contract';

// Building (when sources changed) and starting the process take a few seconds on a busy machine.
jest.setTimeout(60_000);

let client: Client;
const stderr: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(ROOT, 'dist', 'src', 'cli', 'statusbot-mcp.js')],
    cwd: '/',
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  client = new Client({ name: 'statusbot-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
});

afterAll(() => client?.close());

describe('over stdio', () => {
  it('introduces itself as StatusBot, with instructions that name its tools', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'statusbot', title: 'StatusBot' });
    expect(client.getInstructions()).toMatch(/explain_http_error.*triage_log.*compare_statuses.*lookup_status/s);
  });

  describeMcpContract(() => client);

  it('writes nothing but the protocol: stderr stays empty', () => {
    expect(stderr.join('')).toBe('');
  });
});
