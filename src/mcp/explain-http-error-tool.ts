/**
 * `explain_http_error`: any text a developer is looking at (a status code, an error message, a log line, `curl -v`
 * output, a described symptom) → what the chat answers for it: the engine's understanding (engine.ask) and its answer
 * (src/knowledge/answer.ts), as structured content and as the chat's Markdown.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod/v4';
import type { Answer } from '../knowledge/answer';
import { NO_CONTEXT } from '../knowledge/conversation-context';
import { SIDES, type Side } from '../knowledge/conversation-lexicon';
import type { StatusEngine } from '../knowledge/engine';
import type { Understanding } from '../knowledge/understanding';
import { renderText } from '../render/render-text';
import {
  likelyFixOf,
  likelyFixSchema,
  referenceSchema,
  relatedOf,
  relatedSchema,
  retryOf,
  retrySchema,
  statusOf,
  statusRef,
  statusRefSchema,
  statusSchema,
  stepsSchema,
} from './answer-parts';
import type { RecordAsked } from './statusbot-mcp-server';
import { pastedTextInput, sideInput } from './tool-inputs';
import { answered, READ_ONLY_TOOL } from './tool-result';

const EXPLAIN_HTTP_ERROR = 'explain_http_error';

const inputSchema = {
  text: pastedTextInput(
    'text',
    'the status code, error message, log line, curl -v output or symptom to explain',
  ).describe(
    'What the user is looking at, pasted as is: "502", "HTTP/1.1 503 Service Unavailable", a stack trace line, ' +
      'curl -v output with headers, a JSON error body, or a sentence describing the problem.',
  ),
  side: sideInput,
};

const outputSchema = {
  intent: z
    .enum(['lookup', 'compare', 'class', 'unknown_code', 'network_error', 'triage', 'greeting', 'none'])
    .describe(
      'How the text was read: one status (lookup), a comparison, a class such as 5xx, an unknown number, ' +
        'a network error with no status, a log (triage), or nothing to explain (none)',
    ),
  confidence: z.number().describe('0–1: how sure the reading is'),
  side: z.enum(SIDES).nullable(),
  codes: z.array(z.number().int()).describe('The status codes the answer is about, most relevant first'),
  meaning: z.string().nullable().describe('What the text means, in one line'),
  status: statusSchema.nullable().describe('The status the answer is about (for a log: its most frequent failure)'),
  providerError: z
    .object({
      id: z.string(),
      provider: z.string(),
      title: z.string(),
      status: z.number().int(),
      summary: z.string(),
      note: z.string().nullable(),
      nextSteps: stepsSchema,
      retry: retrySchema,
      references: z.array(referenceSchema),
    })
    .nullable()
    .describe(
      'An error a cloud, SDK or platform prints by name (Amazon S3 SlowDown, gRPC UNAVAILABLE …): its meaning leads',
    ),
  networkError: z
    .object({
      id: z.string(),
      name: z.string(),
      summary: z.string(),
      description: z.string(),
      nextSteps: stepsSchema,
      references: z.array(referenceSchema),
    })
    .nullable()
    .describe('A failure with no HTTP status at all (ECONNREFUSED, TLS, DNS, CORS)'),
  likelyFix: likelyFixSchema
    .nullable()
    .describe('The steps that fit what the text names (stack, vendor) and the side, to try first'),
  retry: retrySchema.nullable(),
  related: z.array(relatedSchema).describe('Codes worth telling apart from this one, with the difference'),
  otherMeanings: z.array(statusRefSchema).describe("The same number with another vendor's meaning"),
  alternatives: z.array(statusRefSchema).describe('Other codes the text may have meant, best first'),
  fromPaste: z
    .array(z.string())
    .describe(
      'What pasted headers and bodies say ' + '(Retry-After, rate-limit resets, WWW-Authenticate, problem+json …)',
    ),
  triage: z
    .object({
      total: z.number().int(),
      failures: z.number().int(),
      counts: z.array(
        z.object({ code: z.number().int(), count: z.number().int(), share: z.number(), name: z.string().nullable() }),
      ),
    })
    .nullable(),
  unknownCode: z
    .object({
      code: z.number().int(),
      isHttpStatus: z.boolean(),
      treatedAs: statusRefSchema.nullable(),
      nearby: z.array(statusRefSchema),
    })
    .nullable()
    .describe('A number no table knows; treatedAs is the x00 of its class (RFC 9110 §15)'),
  secretsWarning: z.string().nullable().describe('Set when the text holds a credential: tell the user to rotate it'),
  notes: z.array(z.string()),
};

type Explanation = z.infer<z.ZodObject<typeof outputSchema>>;

export function registerExplainHttpError(server: McpServer, engine: StatusEngine, recordAsked?: RecordAsked): void {
  server.registerTool(
    EXPLAIN_HTTP_ERROR,
    {
      title: 'Explain an HTTP error',
      description: [
        'Explains an HTTP status code or error from whatever the user is looking at: a bare code ("502"), ' +
          'a status line, an error message or stack trace line, a JSON error body, `curl -v` output with its ' +
          'headers, a provider error by name (S3 SlowDown, kubectl Forbidden, gRPC UNAVAILABLE, ' +
          'Cloudflare Error 1020), a network error with no status (ECONNREFUSED, SSL certificate problem), ' +
          'or a described symptom ("the API keeps saying too many requests").',
        'Returns what the status means (with its vendor when the number is vendor-specific), the most likely fix for ' +
          "the user's side and stack, both sides' next steps, whether and when to retry " +
          '(reading Retry-After and rate-limit headers from the paste), related codes and references; ' +
          'Markdown plus structured fields.',
        'Pass the text as pasted, including headers and bodies. Use triage_log instead for many log lines to count, ' +
          'compare_statuses to choose between codes, lookup_status to list every meaning of one number. ' +
          'Not for non-HTTP errors (SMTP replies, exit codes) beyond naming them.',
      ].join(' '),
      inputSchema,
      outputSchema,
      annotations: { title: 'Explain an HTTP error', ...READ_ONLY_TOOL },
    },
    ({ text, side }) => {
      const { understanding, answer } = engine.ask(text, side ? { ...NO_CONTEXT, side } : NO_CONTEXT);
      recordAsked?.(text, understanding);
      return answered(explanationOf(understanding, answer, side), renderText(answer, 'markdown'));
    },
  );
}

function explanationOf(u: Understanding, a: Answer, sideGiven?: Side): Explanation {
  const base: Explanation = {
    intent: a.intent,
    confidence: u.confidence,
    side: u.side ?? sideGiven ?? null,
    codes: u.codes,
    meaning: null,
    status: null,
    providerError: null,
    networkError: null,
    likelyFix: null,
    retry: null,
    related: [],
    otherMeanings: [],
    alternatives: [],
    fromPaste: a.pasted ?? [],
    triage: null,
    unknownCode: null,
    secretsWarning: a.exposed?.warning ?? null,
    notes: a.notes,
  };
  switch (a.intent) {
    case 'lookup': {
      const pe = a.providerError;
      return {
        ...base,
        meaning: pe ? `${pe.title} (${pe.providerName}): ${pe.summary}` : a.entry.summary,
        status: statusOf(a.entry),
        providerError: pe
          ? {
              id: pe.id,
              provider: pe.providerName,
              title: pe.title,
              status: pe.status,
              summary: pe.summary,
              note: pe.note ?? null,
              nextSteps: pe.nextSteps,
              retry: retryOf(pe.retry),
              references: pe.references,
            }
          : null,
        likelyFix: likelyFixOf(a.likelyFix),
        retry: retryOf(pe?.retry ?? a.entry.retry),
        related: a.entry.related.map(relatedOf),
        otherMeanings: a.otherMeanings.map(statusRef),
        alternatives: a.alternatives.map(statusRef),
      };
    }
    case 'compare':
      return { ...base, meaning: a.lead ?? null };
    case 'class':
      return { ...base, meaning: `${a.class} ${a.info.name}: ${a.info.description}` };
    case 'unknown_code':
      return {
        ...base,
        unknownCode: {
          code: a.code,
          isHttpStatus: a.inRange,
          treatedAs: a.treatedAs ? statusRef(a.treatedAs) : null,
          nearby: a.nearby.map(statusRef),
        },
      };
    case 'network_error': {
      const e = a.error;
      return {
        ...base,
        meaning: e.summary,
        networkError: {
          id: e.id,
          name: e.name,
          summary: e.summary,
          description: e.description,
          nextSteps: e.nextSteps,
          references: e.references,
        },
        related: e.related.map(relatedOf),
      };
    }
    case 'triage':
      return {
        ...base,
        meaning: a.story[0] ?? null,
        status: a.focus ? statusOf(a.focus) : null,
        likelyFix: likelyFixOf(a.likelyFix),
        retry: a.focus ? retryOf(a.focus.retry) : null,
        related: a.focus?.related.map(relatedOf) ?? [],
        triage: {
          total: a.total,
          failures: a.failures,
          counts: a.counts.map((c) => ({ code: c.code, count: c.count, share: c.share, name: c.ref?.name ?? null })),
        },
      };
    case 'greeting':
    case 'none':
      return { ...base, meaning: a.message };
  }
}
