/**
 * Every entry of the status table as an MCP resource, `statusbot://codes/{id}` (`statusbot://codes/502`,
 * `statusbot://codes/499-nginx`): listed, completed by id, and read as Markdown — the chat's whole answer for that
 * entry (meaning, both sides' next steps, retry advice, related codes, references).
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { StatusEngine } from '../knowledge/engine';
import { renderText } from '../render/render-text';

const STATUS_RESOURCE_TEMPLATE = 'statusbot://codes/{id}';

/** The MCP specification's error code for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

const MARKDOWN = 'text/markdown';

export function statusResourceUri(id: string): string {
  return STATUS_RESOURCE_TEMPLATE.replace('{id}', id);
}

export function registerStatusResources(server: McpServer, engine: StatusEngine): void {
  const { table } = engine;
  const ids = table.entries.map((e) => e.id);
  const template = new ResourceTemplate(STATUS_RESOURCE_TEMPLATE, {
    list: () => ({
      resources: table.entries.map((e) => ({
        uri: statusResourceUri(e.id),
        name: e.id,
        title: `${e.code} ${e.name}${e.vendor ? ` (${table.vendor(e.vendor)?.name ?? e.vendor})` : ''}`,
        description: e.summary,
        mimeType: MARKDOWN,
      })),
    }),
    complete: { id: (value) => ids.filter((id) => id.startsWith(value.trim().toLowerCase())) },
  });
  server.registerResource(
    'status-code',
    template,
    {
      title: 'HTTP status codes',
      description:
        "One HTTP status code meaning from StatusBot's table, as Markdown: what it means, next steps for the caller " +
        'and for whoever runs the server, retry advice, related codes and references. ' +
        'Ids are the number ("502"), or the number and vendor for a vendor\'s own meaning ("499-nginx").',
      mimeType: MARKDOWN,
    },
    (uri, variables) => {
      const id = String(variables.id ?? '');
      if (!table.entry(id)) throw new McpError(RESOURCE_NOT_FOUND, notFound(engine, id), { uri: uri.href });
      return {
        contents: [
          { uri: uri.href, mimeType: MARKDOWN, text: renderText(engine.answer(engine.lookup(id)), 'markdown') },
        ],
      };
    },
  );
}

/** A number known only by its vendors' meanings (499, 444) has no entry of its own: name the ones it has. */
function notFound(engine: StatusEngine, id: string): string {
  const meanings = /^\d+$/.test(id) ? engine.table.meaningsOf(Number(id)) : [];
  if (meanings.length)
    return (
      `${id} has no entry of its own, only vendors' meanings: ` +
      `read ${meanings.map((e) => statusResourceUri(e.id)).join(' or ')}.`
    );
  return (
    `No status entry "${id.slice(0, 40)}". Ids are a status number ("502") or a number and vendor ("499-nginx"); ` +
    'list the resources to see them all.'
  );
}
