/**
 * `triage_log`: a pasted log → every status counted and the most frequent failure explained, as the chat triages a
 * pasted log (src/knowledge/log-triage.ts counts, composeAnswer explains). Text that is no log is a tool error that
 * points to explain_http_error.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod/v4';
import { NO_CONTEXT } from '../knowledge/conversation-context';
import { SIDES } from '../knowledge/conversation-lexicon';
import type { StatusEngine } from '../knowledge/engine';
import { renderText } from '../render/render-text';
import { likelyFixOf, likelyFixSchema, statusOf, statusSchema } from './answer-parts';
import type { RecordAsked } from './statusbot-mcp-server';
import { pastedTextInput, sideInput } from './tool-inputs';
import { answered, READ_ONLY_TOOL, refused } from './tool-result';

const TRIAGE_LOG = 'triage_log';

const inputSchema = {
  log: pastedTextInput('log', 'the log lines to triage, one request per line').describe(
    'Log lines as pasted, one request per line, each with its status: an nginx/Apache/ALB access log, ' +
      'application log lines, or the output of a curl loop.',
  ),
  side: sideInput,
};

const outputSchema = {
  total: z.number().int().describe('Lines counted (one status each)'),
  failures: z.number().int().describe('Lines with a status of 400 or above'),
  counts: z
    .array(
      z.object({
        code: z.number().int(),
        count: z.number().int(),
        share: z.number().describe('0–1 of all counted lines'),
        id: z.string().nullable(),
        name: z.string().nullable(),
      }),
    )
    .describe('Every status found, most frequent first'),
  story: z.array(z.string()).describe('What the log says, most important first'),
  topFailure: statusSchema
    .nullable()
    .describe('The most frequent failure, explained in full; null when nothing failed'),
  likelyFix: likelyFixSchema.nullable(),
  side: z.enum(SIDES).nullable(),
  secretsWarning: z.string().nullable().describe('Set when the log holds a credential: tell the user to rotate it'),
  notes: z.array(z.string()),
};

export function registerTriageLog(server: McpServer, engine: StatusEngine, recordAsked?: RecordAsked): void {
  server.registerTool(
    TRIAGE_LOG,
    {
      title: 'Triage a log',
      description: [
        'Counts the HTTP statuses in pasted log lines (access logs of nginx, Apache, IIS, load balancers, ' +
          "application logs, a curl loop's output) and explains the most frequent failure: share of failures, " +
          "likely cause, most likely fix for the user's side and stack, next steps, and what a second failure adds.",
        'Use it when the user pastes several lines that each carry a status. ' +
          'For one error, one status line or one curl -v response, use explain_http_error; ' +
          'it refuses text that is not a log.',
      ].join(' '),
      inputSchema,
      outputSchema,
      annotations: { title: 'Triage a log', ...READ_ONLY_TOOL },
    },
    ({ log, side }) => {
      const understanding = engine.understand(log, side ? { ...NO_CONTEXT, side } : NO_CONTEXT);
      if (understanding.intent !== 'triage') {
        return refused(
          'This does not read as a log StatusBot can count: it needs several lines that each carry an HTTP status ' +
            "(an access log, a curl loop's output). For a single error, status line, curl -v response or symptom, " +
            'call explain_http_error instead.',
        );
      }
      recordAsked?.(log, understanding);
      const answer = engine.answer(understanding);
      if (answer.intent !== 'triage') throw new Error(`a triage understanding was answered as ${answer.intent}`);
      return answered(
        {
          total: answer.total,
          failures: answer.failures,
          counts: answer.counts.map((c) => ({
            code: c.code,
            count: c.count,
            share: c.share,
            id: c.ref?.id ?? null,
            name: c.ref?.name ?? null,
          })),
          story: answer.story,
          topFailure: answer.focus ? statusOf(answer.focus) : null,
          likelyFix: likelyFixOf(answer.likelyFix),
          side: understanding.side ?? null,
          secretsWarning: answer.exposed?.warning ?? null,
          notes: answer.notes,
        },
        renderText(answer, 'markdown'),
      );
    },
  );
}
