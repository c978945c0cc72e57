/**
 * `lookup_status`: a status number (and optionally a vendor) → every meaning StatusBot's table has for it
 * (table.meaningsOf: the registry's first, then vendors' by how often people meet them; the vendor asked for first),
 * each in full with its references, and each as the chat answers a lookup of it.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod/v4';
import { entryView } from '../knowledge/answer';
import type { StatusEngine } from '../knowledge/engine';
import type { Vendor } from '../knowledge/entry-schema';
import { renderText } from '../render/render-text';
import { statusOf, statusSchema } from './answer-parts';
import { answered, READ_ONLY_TOOL, refused } from './tool-result';

const LOOKUP_STATUS = 'lookup_status';

const inputSchema = {
  code: z
    .int({ error: 'code must be a status code as a whole JSON number, such as 502' })
    .min(100, 'code must be an HTTP status from 100 to 599')
    .max(599, 'code must be an HTTP status from 100 to 599')
    .describe('The HTTP status code, e.g. 502'),
  vendor: z
    .string({ error: 'vendor must be a string such as "nginx" or "cloudflare"' })
    .trim()
    .min(1, 'vendor is empty: leave it out, or name a vendor such as "nginx" or "cloudflare"')
    .optional()
    .describe(
      'Optional: the vendor whose meaning comes first, for numbers vendors use differently (499 nginx vs ArcGIS, ' +
        '530 Cloudflare vs Pantheon). An id or name: "nginx", "cloudflare", "aws-elb", "iis".',
    ),
};

const outputSchema = {
  code: z.number().int(),
  vendor: z.string().nullable().describe('The vendor id asked for, when one was'),
  meanings: z.array(statusSchema).describe("Every meaning of the number: the one asked for or the registry's first"),
  note: z.string().nullable(),
};

export function registerLookupStatus(server: McpServer, engine: StatusEngine): void {
  const { table } = engine;
  server.registerTool(
    LOOKUP_STATUS,
    {
      title: 'Look up a status code',
      description: [
        "Returns every meaning StatusBot's table has for one HTTP status number: " +
          "the IANA registry meaning and vendors' own (Cloudflare 520–530, nginx 444/494–499, " +
          'AWS load balancers 460–561, IIS, Laravel 419 …), each with its description, causes, ' +
          'next steps for caller and server, retry advice, related codes and references (RFCs, vendor documentation).',
        'Use it for reference on a known number. To explain what a user pasted or describes (an error message, ' +
          'curl output, a symptom), use explain_http_error, which reads the context; ' +
          'to choose between codes, compare_statuses.',
      ].join(' '),
      inputSchema,
      outputSchema,
      annotations: { title: 'Look up a status code', ...READ_ONLY_TOOL },
    },
    ({ code, vendor }) => {
      const meanings = table.meaningsOf(code);
      if (!meanings.length) {
        return refused(
          `${code} is not a status code StatusBot knows (not in the IANA registry or its vendor list). ` +
            'A client treats an unknown status as the x00 of its class; to read the number in context, ' +
            'call explain_http_error with the text it came from.',
        );
      }
      let asked: Vendor | undefined;
      if (vendor !== undefined) {
        asked = findVendor(table.vendors, vendor);
        if (!asked)
          return refused(
            `"${vendor.slice(0, 40)}" is no vendor StatusBot knows; ` +
              `use one of ${table.vendors.map((v) => v.id).join(', ')}, or leave vendor out.`,
          );
      }
      const ordered = asked
        ? [...meanings.filter((e) => e.vendor === asked.id), ...meanings.filter((e) => e.vendor !== asked.id)]
        : [...meanings];
      const note =
        asked && ordered[0]?.vendor !== asked.id
          ? `${asked.name} gives ${code} no meaning of its own; ` +
            `the meaning${ordered.length > 1 ? 's' : ''} below apply.`
          : null;
      const markdown = [
        ...(note ? [note] : []),
        ...ordered.map((e) => renderText(engine.answer(engine.lookup(e.id)), 'markdown')),
      ].join('\n\n---\n\n');
      return answered(
        { code, vendor: asked?.id ?? null, meanings: ordered.map((e) => statusOf(entryView(table, e.id))), note },
        markdown,
      );
    },
  );
}

function findVendor(vendors: readonly Vendor[], given: string): Vendor | undefined {
  const lower = given.toLowerCase();
  return (
    vendors.find((v) => v.id === lower || v.name.toLowerCase() === lower) ??
    vendors.find((v) => v.keywords.includes(lower))
  );
}
