/**
 * The pieces of an answer as the tools return them in `structuredContent`: a zod schema for each (which becomes
 * the tools' outputSchema) and the function that fills it from the Answer model (src/knowledge/answer.ts). They
 * reshape what the core composed; they decide nothing.
 */
import { z } from 'zod/v4';
import { RETRY_LABEL, type EntryRef, type EntryView } from '../knowledge/answer';
import { RETRY_WHEN, type StatusEntry } from '../knowledge/entry-schema';
import type { LikelyFix } from '../knowledge/likely-fix';
import { statusResourceUri } from './status-resources';

// === Schemas

export const statusRefSchema = z.object({
  id: z.string().describe('Entry id: "502", or "499-nginx" for a vendor\'s meaning of a number'),
  code: z.number().int(),
  name: z.string(),
  vendor: z.string().nullable().describe('The vendor whose meaning this is (null for the IANA registry meaning)'),
  summary: z.string(),
  resource: z.string().describe('The entry as a Markdown resource: statusbot://codes/{id}'),
});

export const retrySchema = z.object({
  when: z
    .enum(RETRY_WHEN)
    .describe(
      'now: safe to repeat as is; later: after a wait (honour Retry-After); after-fix: ' +
        'only once something is changed; never; not-needed: nothing failed',
    ),
  label: z.string(),
  advice: z.string(),
});

export const referenceSchema = z.object({ label: z.string(), url: z.string() });

export const relatedSchema = z.object({
  code: z.number().int(),
  vendor: z.string().nullable().describe('Vendor id for a vendor\'s meaning ("cloudflare")'),
  note: z.string().describe('How it differs'),
});

export const stepsSchema = z.object({
  client: z.array(z.string()).describe('For whoever calls the API or uses the site'),
  server: z.array(z.string()).describe('For whoever runs the server, proxy or account'),
});

export const likelyFixSchema = z.object({
  stack: z
    .string()
    .nullable()
    .describe('The stack or vendor the steps are for, when the text named one (nginx, Express …)'),
  steps: z.array(z.string()),
});

/** A full entry: what the status means, both sides' next steps, retry advice, related codes and references. */
export const statusSchema = statusRefSchema.extend({
  class: z.string(),
  registry: z.string().describe('standard, temporary, unused or obsolete in the IANA registry, or vendor (not in it)'),
  aliases: z.array(z.string()),
  description: z.string(),
  causes: z.array(z.string()),
  headers: z.array(z.string()).describe('Response headers worth checking'),
  nextSteps: stepsSchema,
  retry: retrySchema,
  related: z.array(relatedSchema),
  references: z.array(referenceSchema),
});

// === Filling them from the Answer model

export function statusRef(ref: EntryRef | EntryView): z.infer<typeof statusRefSchema> {
  const vendor = 'vendorName' in ref ? ref.vendorName : 'vendor' in ref ? ref.vendor : undefined;
  return {
    id: ref.id,
    code: ref.code,
    name: ref.name,
    vendor: vendor ?? null,
    summary: ref.summary,
    resource: statusResourceUri(ref.id),
  };
}

export function statusOf(e: EntryView): z.infer<typeof statusSchema> {
  return {
    ...statusRef(e),
    class: e.class,
    registry: e.status,
    aliases: e.aliases,
    description: e.description,
    causes: e.causes,
    headers: e.headers,
    nextSteps: { client: e.nextSteps.client, server: e.nextSteps.server },
    retry: retryOf(e.retry),
    related: e.related.map(relatedOf),
    references: e.references.map(({ label, url }) => ({ label, url })),
  };
}

export function retryOf(retry: StatusEntry['retry']): z.infer<typeof retrySchema> {
  return { when: retry.when, label: RETRY_LABEL[retry.when], advice: retry.advice };
}

export function relatedOf(related: { code: number; vendor?: string; note: string }): z.infer<typeof relatedSchema> {
  return { code: related.code, vendor: related.vendor ?? null, note: related.note };
}

export function likelyFixOf(fix: LikelyFix | undefined): z.infer<typeof likelyFixSchema> | null {
  return fix ? { stack: fix.stack?.name ?? null, steps: fix.steps } : null;
}
