/**
 * Reading a request's input (query, path parameters, body) through its zod schema: the same schema the OpenAPI
 * document (openapi.ts) describes the input with, so what the server accepts and what it says it accepts cannot
 * drift apart. A refusal carries the schema's own message, written for the caller ("class must be one of …").
 *
 * ```ts
 * const input = readInput(schemas.searchQuery, req.query);
 * if (!input.ok) return fail(req, res, 400, input.detail);
 * ```
 */
import type { z } from 'zod/v4';

export type Input<T> = { ok: true; data: T } | { ok: false; detail: string };

export function readInput<S extends z.ZodType>(schema: S, value: unknown): Input<z.output<S>> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, detail: parsed.error.issues[0]?.message ?? 'The request is not valid.' };
}
