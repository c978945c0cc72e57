/**
 * `compare_statuses`: two or more codes → the difference and when to use which, as the chat answers "401 vs 403" and
 * then "which one should I use?" (engine.compare, composeAnswer's comparison). With a situation, the code it points
 * to is recommended.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod/v4';
import type { StatusEngine } from '../knowledge/engine';
import type { StatusTable } from '../knowledge/status-table';
import { renderText } from '../render/render-text';
import { statusOf, statusRef, statusRefSchema, statusSchema } from './answer-parts';
import { answered, READ_ONLY_TOOL, refused } from './tool-result';

const COMPARE_STATUSES = 'compare_statuses';

/** More codes than this make a table, not a comparison. */
const MOST_COMPARED = 6;

const inputSchema = {
  codes: z
    .array(z.union([z.int(), z.string()]), { error: 'codes must be an array of status codes, such as [401, 403]' })
    .min(2, 'codes needs at least two status codes to compare, such as [401, 403]')
    .max(MOST_COMPARED, `codes takes at most ${MOST_COMPARED} status codes; compare fewer at a time`)
    .describe(
      "The codes to compare, as numbers ([401, 403]) or, for a vendor's meaning of a number, " +
        'entry ids such as "499-nginx" or "530-cloudflare". ' +
        'A number with several meanings is taken in its IANA registry meaning, else its most common one.',
    ),
  situation: z
    .string({ error: 'situation must be a string describing what the status is for' })
    .trim()
    .min(1, 'situation is empty: describe the case the status is for, or leave it out')
    .optional()
    .describe(
      'Optional: the case the user is choosing a status for ' +
        '("the session token expired", "the resource moved for good"); the code it points to is recommended.',
    ),
};

const outputSchema = {
  compared: z.array(statusSchema).describe('Each code compared, in full'),
  difference: z.string().nullable().describe('The difference in one sentence'),
  whenToUse: z.string().describe('Which one to use: the recommendation for the situation, or when each one applies'),
  recommended: statusRefSchema.nullable().describe('The code the situation points to, when it points to one'),
  contrasts: z
    .array(z.object({ from: z.number().int(), to: z.number().int(), note: z.string() }))
    .describe('What the table says about each pair'),
};

export function registerCompareStatuses(server: McpServer, engine: StatusEngine): void {
  server.registerTool(
    COMPARE_STATUSES,
    {
      title: 'Compare status codes',
      description: [
        'Compares two or more HTTP status codes (401 vs 403, 301 vs 308, 502 vs 504, 429 vs 503): ' +
          'the difference in one sentence, when to use which, and each code in full (meaning, next steps, ' +
          'retry advice, references).',
        'Give a situation to get a recommendation ("which status for an expired session?"). ' +
          'Use it when designing an API or when unsure which of several codes applies; ' +
          'to explain one error the user got, use explain_http_error.',
      ].join(' '),
      inputSchema,
      outputSchema,
      annotations: { title: 'Compare status codes', ...READ_ONLY_TOOL },
    },
    ({ codes, situation }) => {
      const resolved = codes.map((c) => ({ given: c, id: entryIdOf(engine.table, c) }));
      const unknown = resolved.filter((r) => !r.id).map((r) => JSON.stringify(r.given).slice(0, 40));
      if (unknown.length) {
        return refused(
          `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} no status StatusBot knows. ` +
            'Give each code as a number (401) or, for a vendor\'s meaning, an entry id ("499-nginx"; ' +
            "lookup_status lists a number's meanings).",
        );
      }
      const ids = [...new Set(resolved.map((r) => r.id as string))];
      if (ids.length < 2)
        return refused(
          'codes names one status only; give at least two different ones to compare ' +
            '(for one, call lookup_status or explain_http_error).',
        );

      const overview = engine.answer(engine.compare(ids));
      const which = engine.answer(engine.compare(ids, 'which', situation));
      if (overview.intent !== 'compare' || which.intent !== 'compare')
        throw new Error('a comparison was answered as something else');
      const whenToUse = which.lead ?? '';
      // Asked for a situation, the pick leads (as the chat answers "which one?"); otherwise the
      // difference, then when to use each.
      const markdown = situation
        ? renderText(which, 'markdown')
        : `${renderText(overview, 'markdown')}\n\n${whenToUse}`;
      return answered(
        {
          compared: overview.entries.map(statusOf),
          difference: overview.lead ?? null,
          whenToUse,
          recommended: which.recommended ? statusRef(which.recommended) : null,
          contrasts: overview.contrasts,
        },
        markdown,
      );
    },
  );
}

/** 401 and "401" → the number's first meaning (the registry's); "499-nginx" or "499 nginx" → that entry. */
function entryIdOf(table: StatusTable, given: number | string): string | undefined {
  const text = String(given).trim().toLowerCase().replace(/\s+/g, '-');
  if (/^\d+$/.test(text)) return table.meaningsOf(Number(text))[0]?.id;
  return table.entry(text)?.id;
}
