/**
 * The REST API's contract: an OpenAPI 3.1 document, served at /openapi.json, generated from the zod schemas the
 * handlers read their input with (rest-api-schemas.ts, token-schemas.ts) and the schemas of what they answer. Nothing
 * of it is written twice: a route's parameters, body and responses here are those objects, converted by zod's own
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). Every error is described as problem+json.
 *
 * ```ts
 * const document = openApiDocument(restApiSchemas(table), { version: '0.1.0', serverUrl: config.publicUrl });
 * mountOpenApi(server, document);
 * ```
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod/v4';
import { TOKEN_PATH } from '../directline/token-endpoint';
import { tokenRequestSchema, tokenResponseSchema } from '../directline/token-schemas';
import { livenessSchema, readinessSchema } from './health';
import { PROBLEM_TYPE } from './problem';
import {
  answerSchema,
  entryRefSchema,
  problemSchema,
  statusEntrySchema,
  understandingSchema,
  type RestApiSchemas,
} from './rest-api-schemas';
import { generatedFile, projectRoot, sendFile } from './static-site';

export const OPENAPI_PATH = '/openapi.json';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

interface Reply {
  description: string;
  /** The body: a component's name, or none. */
  body?: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

interface Operation {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: { component: string; required: boolean };
  replies: Record<number, Reply>;
  security?: Array<Record<string, string[]>>;
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', minimum: 1 } },
};
const problem = (description: string, extra: Partial<Reply> = {}): Reply => ({
  description,
  body: 'Problem',
  ...extra,
});
/** What the server answers on every route before a handler runs: too many requests from one address. */
const EVERY_ROUTE: Record<number, Reply> = {
  429: problem('Too many requests from this address (RATE_LIMIT_PER_MINUTE).', { headers: RETRY_AFTER }),
};
/** What it answers on every route with a body, before the handler reads it (src/server/json-body.ts). */
const WITH_BODY: Record<number, Reply> = {
  400: problem('The body is not valid JSON or UTF-8, is nested too deep, or does not match the schema.'),
  413: problem('The body is larger than MAX_BODY_KB.'),
  415: problem('The body is not JSON (application/json or +json), or is compressed.'),
};

export function openApiDocument(schemas: RestApiSchemas, options: { version: string; serverUrl?: string }): JsonSchema {
  const outputs: Record<string, z.ZodType> = {
    Problem: problemSchema,
    EntryRef: entryRefSchema,
    StatusEntry: statusEntrySchema,
    Understanding: understandingSchema,
    Answer: answerSchema,
    CodeList: schemas.codeList,
    CodeMeanings: schemas.codeMeanings,
    SearchResult: schemas.searchResult,
    ExplainResult: schemas.explainResult,
    UsageStats: schemas.usageStats,
    DirectLineToken: tokenResponseSchema,
    Liveness: livenessSchema,
    Readiness: readinessSchema,
  };
  const inputs: Record<string, z.ZodType> = {
    ExplainRequest: schemas.explainRequest,
    TokenRequest: tokenRequestSchema,
  };

  const operations: Operation[] = [
    {
      method: 'get',
      path: '/api/codes',
      operationId: 'listCodes',
      summary: 'Every status entry, optionally of one class or one vendor',
      tags: ['codes'],
      query: schemas.codesQuery,
      replies: {
        200: { description: 'The entries, registry and vendor meanings alike.', body: 'CodeList' },
        400: problem('An unknown class or vendor.'),
      },
    },
    {
      method: 'get',
      path: '/api/codes/{code}',
      operationId: 'getCode',
      summary: 'Every meaning of one status number',
      description: "/api/codes/499 has nginx's and ArcGIS's meanings; a registry code has its own, then any vendor's.",
      tags: ['codes'],
      params: schemas.codeParams,
      replies: {
        200: { description: 'The meanings of the number.', body: 'CodeMeanings' },
        400: problem('Not a number of one to four digits.'),
        404: problem('A number StatusBot does not know.'),
      },
    },
    {
      method: 'get',
      path: '/api/search',
      operationId: 'search',
      summary: "The engine's understanding of a query and ranked matches",
      tags: ['understanding'],
      query: schemas.searchQuery,
      replies: {
        200: { description: 'What the query was understood as, and the entries that match it.', body: 'SearchResult' },
        400: problem('No query, or one too long.'),
      },
    },
    {
      method: 'post',
      path: '/api/explain',
      operationId: 'explain',
      summary: 'The full answer to a message, as data and as Markdown',
      description: 'For enriching alerts and tickets: send what a person would paste into the chat.',
      tags: ['understanding'],
      body: { component: 'ExplainRequest', required: true },
      replies: {
        200: { description: 'The understanding, the answer model and its Markdown.', body: 'ExplainResult' },
        ...WITH_BODY,
      },
    },
    {
      method: 'get',
      path: '/api/stats',
      operationId: 'getStats',
      summary: 'What people ask, what goes unanswered, feedback (operators only)',
      description:
        'Needs OPERATOR_TOKEN as a bearer token; ' +
        "without OPERATOR_TOKEN set, it answers only requests made on the bot's own machine.",
      tags: ['operations'],
      security: [{ operatorToken: [] }, {}],
      replies: {
        200: { description: 'Counts since the process started.', body: 'UsageStats' },
        401: problem('OPERATOR_TOKEN is set and the request does not carry it.'),
        403: problem('No OPERATOR_TOKEN is set and the request does not come straight from this machine.'),
      },
    },
    {
      method: 'post',
      path: TOKEN_PATH,
      operationId: 'createDirectLineToken',
      summary: 'A Direct Line token for the web chat',
      description:
        "A token for a new conversation on the bot's own Direct Line (or Azure's, with DIRECT_LINE_SECRET), " +
        'and the domain to use it with. To continue a conversation, send its conversationId with its current ' +
        'token as a bearer token.',
      tags: ['web chat'],
      body: { component: 'TokenRequest', required: false },
      security: [{}, { directLineToken: [] }],
      replies: {
        200: { description: 'The token and where to use it.', body: 'DirectLineToken' },
        ...WITH_BODY,
        403: problem('The conversationId came without a valid token for that conversation.'),
        429: problem(
          'Too many token requests from this address (DIRECTLINE_TOKENS_PER_MINUTE), or too many requests ' +
            '(RATE_LIMIT_PER_MINUTE).',
          { headers: RETRY_AFTER },
        ),
        502: problem('Azure Direct Line refused the token request.'),
        504: problem('Azure Direct Line did not answer in time.'),
      },
    },
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getLiveness',
      summary: 'Liveness: the process is up',
      tags: ['operations'],
      replies: { 200: { description: 'Alive.', body: 'Liveness' } },
    },
    {
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'Readiness: the table is loaded and conversation storage is reachable',
      tags: ['operations'],
      replies: {
        200: { description: 'Ready.', body: 'Readiness' },
        503: { description: 'Not ready (storage unreachable).', body: 'Readiness' },
      },
    },
  ];

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const replies = { ...EVERY_ROUTE, ...op.replies };
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        tags: op.tags,
        ...(op.query || op.params
          ? { parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')] }
          : {}),
        ...(op.body
          ? {
              requestBody: {
                required: op.body.required,
                content: { 'application/json': { schema: ref(op.body.component) } },
              },
            }
          : {}),
        responses: Object.fromEntries(Object.entries(replies).map(([status, reply]) => [status, response(reply)])),
        ...(op.security ? { security: op.security } : {}),
      },
    };
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'StatusBot API',
      version: options.version,
      summary: 'HTTP status codes, error messages and logs, explained',
      description:
        "StatusBot's knowledge as an API: every status code it knows, the engine's reading of any text, " +
        'and the full answer the chat gives. Errors are RFC 9457 application/problem+json, ' +
        "titled with the status's current name.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl || '/' }],
    tags: [{ name: 'codes' }, { name: 'understanding' }, { name: 'web chat' }, { name: 'operations' }],
    paths,
    components: {
      schemas: { ...components(outputs, 'output'), ...components(inputs, 'input') },
      securitySchemes: {
        operatorToken: { type: 'http', scheme: 'bearer', description: 'OPERATOR_TOKEN.' },
        directLineToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The current Direct Line token of the conversation to continue.',
        },
      },
    },
  };
}

/** Serves the document, the same bytes on every request, with an ETag; any site may read it (API tools do). */
export function mountOpenApi(server: Server, document: JsonSchema): void {
  const file = generatedFile(JSON.stringify(document), '.json');
  const handler = async (req: Request, res: Response) =>
    sendFile(req, res, file, 'no-cache', { 'access-control-allow-origin': '*' });
  server.get(OPENAPI_PATH, handler);
  server.head(OPENAPI_PATH, handler);
}

/** The version in package.json: the document's `info.version`. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(__dirname), 'package.json'), 'utf8')) as { version: string })
    .version;
}

// === From zod to OpenAPI

/** Named schemas as components; one refers to another by `#/components/schemas/Name`. */
function components(named: Record<string, z.ZodType>, io: Io): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
}

function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return rest;
}

/** One parameter per field of the object, required unless the field is optional, its description lifted up. */
function parameters(object: z.ZodObject | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!object) return [];
  return Object.entries(object.shape).map(([name, field]) => {
    const { description, ...schema } = jsonSchema(field as z.ZodType, 'input');
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description ? { description } : {}), schema };
  });
}

function ref(component: string): JsonSchema {
  return { $ref: `#/components/schemas/${component}` };
}

function response(reply: Reply): JsonSchema {
  const type = reply.body === 'Problem' ? PROBLEM_TYPE : 'application/json';
  return {
    description: reply.description,
    ...(reply.headers ? { headers: reply.headers } : {}),
    ...(reply.body ? { content: { [type]: { schema: ref(reply.body) } } } : {}),
  };
}
