/**
 * The shape of `data/provider-errors/<provider>.json`: errors that a cloud, SDK, platform or CDN prints by name rather
 * than by number ("NoSuchBucket", "PERMISSION_DENIED", "Error 1020", "H12"), each with the HTTP status the provider
 * sends with it. The answer leads with the provider's meaning; the status's own entry follows.
 */
import { z } from 'zod/v4';
import { reference, RETRY_WHEN, sentence } from './entry-schema';

const shortLine = z
  .string()
  .trim()
  .min(2, 'must not be empty')
  .max(200, 'must fit on one line (at most 200 characters)');

/**
 * One plain word in one case ("Forbidden", "UNAVAILABLE") or a bare number ("1020"): everyday text,
 * so it needs the provider named.
 */
export const PLAIN_WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+|\d+)$/;

/** A shorter identifier names many things ("H12", "E42"); it counts only next to its provider. */
export const MIN_NAME_LENGTH = 5;

const lowerText = (min: number) =>
  z
    .string()
    .min(min, `must be at least ${min} characters, or it matches ordinary text`)
    .regex(/^[^A-Z]+$/, 'must be lower case');

export const providerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id such as aws'),
    name: shortLine,
    /** Words that, seen in a message, say it comes from this provider ("s3", "botocore", "kubectl"). Lower case. */
    keywords: z
      .array(
        z
          .string()
          .min(2)
          .regex(/^[a-z0-9 .\-/_:]+$/, 'must be lower-case words'),
      )
      .min(1),
    url: z.url('must be an absolute https URL'),
  })
  .strict();

export const providerErrorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id such as s3-slowdown'),
    /** The name as the provider prints it: "SlowDown", "PERMISSION_DENIED", "Error 1020". */
    name: shortLine,
    /** The product within the provider, when it matters: "Amazon S3", "Azure Resource Manager". */
    service: shortLine.optional(),
    /** The HTTP status the provider sends with this error. */
    status: z
      .number()
      .int()
      .min(100, 'must be a status between 100 and 599')
      .max(599, 'must be a status between 100 and 599'),
    /** The vendor meaning of that status, when it is a vendor's own (530 → "cloudflare"). */
    statusVendor: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    /**
     * Identifiers as printed, matched as whole tokens with their case ("NoSuchBucket");
     * any case when the provider is named.
     */
    names: z
      .array(z.string().regex(/^[A-Za-z0-9_.$:-]{2,}$/, 'must be one identifier as printed, without spaces'))
      .default([]),
    /**
     * Message text as printed, lower case, matched as whole words anywhere ("missing authentication token"); `*` stands
     * for what varies within one line ("resource group '*' could not be found"), never at either end.
     */
    phrases: z
      .array(
        lowerText(6).refine((p) => !p.startsWith('*') && !p.endsWith('*'), 'must not start or end with the gap "*"'),
      )
      .default([]),
    /**
     * Ordinary words or numbers, lower case, that name the error only next to the
     * provider's keywords ("1020", "slowdown").
     */
    withProvider: z
      .array(lowerText(2).refine((w) => !w.includes('*'), 'must be words as printed, without a gap "*"'))
      .default([]),
    /** The provider's meaning in one line, in our words. */
    summary: sentence.max(240, 'must be one line (at most 240 characters)'),
    /** Optional: what else to know (a mapping that is not one-to-one, a look-alike error). */
    note: sentence.optional(),
    nextSteps: z.object({
      client: z.array(sentence).min(1, 'needs at least one step for the caller'),
      server: z.array(sentence).min(1, 'needs at least one step for whoever runs the service or account'),
    }),
    retry: z.object({ when: z.enum(RETRY_WHEN), advice: sentence }),
    references: z.array(reference).min(1, "needs the provider's own documentation"),
  })
  .strict()
  .superRefine((error, ctx) => {
    if (!error.names.length && !error.phrases.length && !error.withProvider.length)
      ctx.addIssue({
        code: 'custom',
        path: ['names'],
        message: 'needs at least one name or phrase that identifies the error',
      });
    error.names.forEach((name, i) => {
      if (name.length < MIN_NAME_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          path: ['names', i],
          message:
            `"${name}" is shorter than ${MIN_NAME_LENGTH} characters, too short to name an error alone ` +
            '("H12" is a spreadsheet cell too); move it to withProvider',
        });
      } else if (PLAIN_WORD.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['names', i],
          message:
            `"${name}" is one ordinary word or a number; move it to withProvider, ` +
            'or use a phrase as printed ("error from server (forbidden)")',
        });
      }
    });
  });

export const providerFileSchema = z
  .object({ provider: providerSchema, errors: z.array(providerErrorSchema).min(1) })
  .strict();

export type Provider = z.output<typeof providerSchema>;
/** One validated error, with its provider's id and the status entry it points at ("503", "530-cloudflare"). */
export type ProviderError = z.output<typeof providerErrorSchema> & { provider: string; statusId: string; file: string };
