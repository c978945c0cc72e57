/**
 * The REST API's inputs and outputs as zod schemas. The handlers (rest-api.ts) read every input through these, and
 * the OpenAPI document (openapi.ts) is generated from the same objects, so the contract is written once.
 *
 * Inputs are checked; outputs describe what the handlers send (the tests hold real responses against them). The
 * answer and the understanding are described by their stable fields, open to more: they grow with the engine.
 *
 * ```ts
 * const schemas = restApiSchemas(table);
 * readInput(schemas.codesQuery, { class: '5XX' }); // { ok: true, data: { class: '5xx' } }
 * ```
 */
import { z } from 'zod/v4';
import { ACTS, FOCUSES, SIDES } from '../knowledge/conversation-lexicon';
import { classInfoSchema, entryFields, sideStepSchema } from '../knowledge/entry-schema';
import { CLASSES, type StatusTable } from '../knowledge/status-table';
import { MAX_MESSAGE_LENGTH } from '../knowledge/text';
import { INTENTS } from '../knowledge/understanding';

/** Query values are matched without regard to case ("5XX", "Cloudflare"). */
const lowerCased = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
const nonBlank = (text: string) => text.trim().length > 0;

// === Shared outputs

export const problemSchema = z
  .looseObject({
    type: z.string().describe('Always about:blank: the status says what went wrong.'),
    title: z
      .string()
      .describe("The status's current name in StatusBot's own table (Bad Request, Not Found, Content Too Large …)."),
    status: z.int().min(100).max(599),
    detail: z.string().describe('What was wrong with the request and how to send it right.'),
    instance: z.string().optional().describe('The path of the request.'),
    code: z
      .string()
      .optional()
      .describe("Direct Line's error code (BadArgument, TokenExpired, TooManyTokens …), on the token endpoint."),
  })
  .meta({ description: 'An RFC 9457 problem (application/problem+json).' });

export const entryRefSchema = z
  .object({
    id: z.string().describe('The entry id: "502", or "499-nginx" for a vendor\'s meaning.'),
    code: z.int(),
    name: z.string(),
    summary: z.string(),
    vendor: z.string().optional().describe("The vendor's display name, for a vendor's meaning."),
  })
  .strict()
  .meta({ description: 'A status entry in one line: enough to name and explain it.' });

/** An entry as the API sends it: its fields as in data/codes/, its id, and its steps per side with their stacks. */
export const statusEntrySchema = entryFields
  .omit({ nextSteps: true })
  .extend({
    id: z.string(),
    nextSteps: z.object({ client: z.array(z.string()), server: z.array(z.string()) }).strict(),
    sideSteps: z
      .array(sideStepSchema)
      .describe('Every step with its side and the stacks it is for (empty: any stack).'),
  })
  .strict()
  .meta({ description: 'One meaning of one status code, as in data/codes/.' });

const entryViewSchema = statusEntrySchema
  .extend({ vendorName: z.string().optional(), classInfo: classInfoSchema })
  .strict();

export const understandingSchema = z
  .looseObject({
    intent: z.enum(INTENTS),
    codes: z.array(z.int()).describe('Codes, best first (triage: most frequent first).'),
    ids: z.array(z.string()).describe('Entry ids of those codes.'),
    class: z.enum(CLASSES).nullable(),
    code: z.int().nullable().describe('For unknown_code: the number asked about.'),
    focus: z.enum(FOCUSES),
    confidence: z.number().min(0).max(1),
    alternatives: z.array(z.looseObject({ id: z.string(), code: z.int(), score: z.number(), via: z.string() })),
    vendors: z.array(z.string()),
    counts: z.array(z.looseObject({ code: z.int(), count: z.int(), id: z.string().optional() })),
    truncated: z.boolean(),
    via: z.string().nullable(),
    side: z.enum(SIDES).optional(),
    act: z.enum(ACTS).optional(),
    networkError: z.string().optional(),
    providerError: z.string().optional(),
  })
  .meta({
    description: 'What the engine understood of a message: intent, codes, confidence and what the message names.',
  });

const answerBase = {
  notes: z.array(z.string()),
  suggestions: z.array(z.string()).describe('Follow-up questions worth offering.'),
  pasted: z.array(z.string()).optional().describe('What the pasted headers and bodies say, one sentence each.'),
  exposed: z
    .looseObject({ kinds: z.array(z.string()), warning: z.string() })
    .optional()
    .describe('Credentials found in the message, and the warning to rotate them.'),
};

export const answerSchema = z
  .discriminatedUnion('intent', [
    z.looseObject({
      ...answerBase,
      intent: z.literal('lookup'),
      focus: z.enum(FOCUSES),
      entry: entryViewSchema,
      otherMeanings: z.array(entryRefSchema),
      alternatives: z.array(entryRefSchema),
      unsure: z.boolean(),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.literal('compare'),
      focus: z.enum(FOCUSES),
      entries: z.array(entryViewSchema),
      contrasts: z.array(z.looseObject({ from: z.int(), to: z.int(), note: z.string() })),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.literal('class'),
      class: z.enum(CLASSES),
      info: classInfoSchema,
      codes: z.array(entryRefSchema),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.literal('unknown_code'),
      code: z.int(),
      inRange: z.boolean(),
      nearby: z.array(entryRefSchema),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.literal('network_error'),
      focus: z.enum(FOCUSES),
      error: z.looseObject({ id: z.string(), name: z.string(), summary: z.string() }),
      related: z.array(z.looseObject({ ref: entryRefSchema, note: z.string() })),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.literal('triage'),
      counts: z.array(z.looseObject({ code: z.int(), count: z.int(), share: z.number() })),
      total: z.int(),
      failures: z.int(),
      story: z.array(z.string()),
    }),
    z.looseObject({
      ...answerBase,
      intent: z.enum(['greeting', 'none']),
      message: z.string(),
      examples: z.array(z.string()),
    }),
  ])
  .meta({ description: 'What the bot answers, as data, before any channel draws it; one shape per intent.' });

export function restApiSchemas(table: StatusTable) {
  const vendorIds = table.vendors.map((v) => v.id) as [string, ...string[]];

  // === Inputs

  const codesQuery = z.object({
    class: z
      .preprocess(lowerCased, z.enum(CLASSES, { error: `class must be one of ${CLASSES.join(', ')}.` }))
      .optional()
      .describe('Only the codes of this class.'),
    vendor: z
      .preprocess(lowerCased, z.enum(vendorIds, { error: `vendor must be one of ${vendorIds.join(', ')}.` }))
      .optional()
      .describe("Only this vendor's codes (its id in data/vendors.json)."),
  });

  const codeParams = z.object({
    code: z
      .string()
      .regex(/^\d{1,4}$/, 'is not a status code; use three digits, for example /api/codes/404.')
      .describe('The status number, for example 404 or 499.'),
  });

  const searchQuery = z.object({
    q: z
      .string({ error: 'Add a query: /api/search?q=bad%20gateway' })
      .max(MAX_MESSAGE_LENGTH, `The query is longer than ${MAX_MESSAGE_LENGTH} characters.`)
      .refine(nonBlank, 'Add a query: /api/search?q=bad%20gateway')
      .describe('A code, a name, an error message or a description of what happens.'),
  });

  const explainMessage =
    'Send a JSON object with a non-empty "text" string, for example {"text": "HTTP/1.1 503 Service Unavailable"}.';
  const explainRequest = z.object(
    {
      text: z
        .string({ error: explainMessage })
        .refine(nonBlank, explainMessage)
        .describe(
          'Anything a person would paste: a code, an error message, a curl -v output, a log. ' +
            `Read up to ${MAX_MESSAGE_LENGTH} characters.`,
        ),
    },
    { error: explainMessage },
  );

  // === Outputs

  const codeList = z
    .object({
      count: z.int(),
      codes: z.array(
        entryRefSchema
          .extend({
            class: z.enum(CLASSES),
            status: entryFields.shape.status,
            vendorId: z.string().nullable(),
            url: z.string().describe('This code in the API.'),
          })
          .strict(),
      ),
    })
    .strict();

  const codeMeanings = z
    .object({
      code: z.int(),
      meanings: z
        .array(statusEntrySchema)
        .min(1)
        .describe("Every meaning of the number: the registry's, then vendors'."),
    })
    .strict();

  const searchResult = z
    .object({
      q: z.string(),
      understanding: understandingSchema,
      matches: z.array(entryRefSchema).max(10).describe("The engine's reading first, then search-as-you-type hits."),
    })
    .strict();

  const explainResult = z
    .object({
      understanding: understandingSchema,
      answer: answerSchema,
      markdown: z.string().describe('The answer as the chat writes it, in Markdown.'),
    })
    .strict();

  const count = z.int().min(0);
  const usageStats = z
    .object({
      since: z.iso.datetime(),
      turns: count,
      byIntent: z.record(z.string(), count),
      byChannel: z.record(z.string(), count),
      topCodes: z.array(z.object({ code: z.int(), count }).strict()),
      unanswered: z
        .object({
          count,
          recent: z.array(
            z
              .object({ at: z.iso.datetime(), text: z.string(), intent: z.enum(INTENTS), confidence: z.number() })
              .strict(),
          ),
        })
        .strict(),
      feedback: z
        .object({
          like: count,
          dislike: count,
          byCode: z.array(z.object({ id: z.string(), like: count, dislike: count }).strict()),
        })
        .strict(),
    })
    .strict();

  return {
    codesQuery,
    codeParams,
    searchQuery,
    explainRequest,
    codeList,
    codeMeanings,
    searchResult,
    explainResult,
    usageStats,
  };
}

export type RestApiSchemas = ReturnType<typeof restApiSchemas>;
