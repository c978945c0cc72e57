/**
 * What every transport of StatusBot's MCP server must do, as the SDK's own Client sees it: the four tools listed
 * read-only with input and output schemas, each answering good input (structured content the client checks against
 * the output schema, and Markdown) and bad input (a tool error the model can read), the status entries listed and
 * read as resources. stdio-transport.test.ts and http-transport.test.ts run it over their transport.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { StatusEngine } from '../../src/knowledge/engine';
import { renderText } from '../../src/render/render-text';
import { NGINX_LOG } from '../cards/engine-fixture';

export interface ToolReply {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolReply> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  return {
    isError: result.isError === true,
    text: content.map((c) => c.text ?? '').join('\n'),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

export const TOOLS = ['explain_http_error', 'triage_log', 'lookup_status', 'compare_statuses'];

/** One good and one bad call per tool; the bad one's error names the field or says what to send instead. */
export const GOOD_CALLS: Array<[string, Record<string, unknown>, (reply: ToolReply) => void]> = [
  [
    'explain_http_error',
    { text: 'HTTP/1.1 503 Service Unavailable', side: 'client' },
    (r) =>
      expect(r.structured).toMatchObject({
        intent: 'lookup',
        codes: [503],
        status: { code: 503, name: 'Service Unavailable' },
      }),
  ],
  [
    'triage_log',
    { log: NGINX_LOG },
    (r) => expect(r.structured).toMatchObject({ total: 6, failures: 4, topFailure: { code: 502 } }),
  ],
  [
    'lookup_status',
    { code: 499 },
    (r) =>
      expect((r.structured?.meanings as Array<{ id: string }>).map((m) => m.id).sort()).toEqual([
        '499-esri',
        '499-nginx',
      ]),
  ],
  [
    'compare_statuses',
    { codes: [401, 403] },
    (r) => expect(r.structured).toMatchObject({ compared: [{ code: 401 }, { code: 403 }], recommended: null }),
  ],
];

export const BAD_CALLS: Array<[string, Record<string, unknown>, RegExp]> = [
  ['explain_http_error', {}, /text is required/],
  ['explain_http_error', { text: '   ' }, /text is empty/],
  ['explain_http_error', { text: '502', side: 'both' }, /side must be "client"/],
  ['triage_log', { log: 'HTTP/1.1 502 Bad Gateway' }, /does not read as a log.*explain_http_error/s],
  ['lookup_status', { code: 1234 }, /code must be an HTTP status from 100 to 599/],
  ['lookup_status', { code: 299 }, /299 is not a status code StatusBot knows/],
  ['compare_statuses', { codes: [401] }, /at least two status codes/],
  ['compare_statuses', { codes: [401, 'banana'] }, /"banana" is no status StatusBot knows/],
];

export function describeMcpContract(client: () => Client): void {
  const engine = StatusEngine.load();

  it('lists the four tools, each read-only and idempotent, with input and output schemas and a description that says when not to use it', async () => {
    const { tools } = await client().listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      // Each description points to another tool for what it is not for.
      expect(TOOLS.filter((other) => other !== tool.name && tool.description?.includes(other)).length).toBeGreaterThan(
        0,
      );
    }
  });

  it.each(GOOD_CALLS)('%s answers good input with structured content and Markdown', async (name, args, check) => {
    const reply = await call(client(), name, args);
    expect(reply.isError).toBe(false);
    expect(reply.text).toMatch(/\*\*/);
    check(reply);
  });

  it.each(BAD_CALLS)('%s refuses %j with a tool error the model can read', async (name, args, message) => {
    const reply = await call(client(), name, args);
    expect(reply).toMatchObject({ isError: true, structured: undefined });
    expect(reply.text).toMatch(message);
  });

  it('still answers after bad input', async () => {
    await call(client(), 'lookup_status', { code: 'five hundred' });
    expect((await call(client(), 'lookup_status', { code: 404 })).isError).toBe(false);
  });

  it('lists every status entry as a resource and reads one as the chat answers it', async () => {
    const { resources } = await client().listResources();
    expect(resources).toHaveLength(engine.table.entries.length);
    expect(
      resources.every(
        (r) => /^statusbot:\/\/codes\/\d{3}(-[a-z0-9-]+)?$/.test(r.uri) && r.mimeType === 'text/markdown',
      ),
    ).toBe(true);
    const { contents } = await client().readResource({ uri: 'statusbot://codes/502' });
    expect(contents).toEqual([
      {
        uri: 'statusbot://codes/502',
        mimeType: 'text/markdown',
        text: renderText(engine.answer(engine.lookup('502')), 'markdown'),
      },
    ]);
  });

  it('answers a resource that does not exist with the protocol\'s "not found"', async () => {
    const failure = await client()
      .readResource({ uri: 'statusbot://codes/no-such-code' })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(McpError);
    expect(failure).toMatchObject({ code: -32002 });
  });
}
