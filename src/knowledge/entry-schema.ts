/**
 * The shape of one entry in `data/codes/`: one meaning of one status code. A number that means different things per
 * vendor (499 for nginx and for ArcGIS, 530 for Cloudflare and Pantheon) has one entry per meaning.
 *
 * Validation lives here, next to the types it produces, so the data and the code that reads it cannot drift apart.
 */
import { z } from 'zod/v4';

/** A sentence we wrote ourselves: non-empty, no stray whitespace, ends like a sentence. */
export const sentence = z
  .string()
  .trim()
  .min(3, 'must be a sentence of at least 3 characters')
  .max(600, 'must be at most 600 characters; split it');

const shortLine = z
  .string()
  .trim()
  .min(2, 'must not be empty')
  .max(200, 'must fit on one line (at most 200 characters)');

/** A code worth comparing, with a one-sentence note on the difference; `vendor` points at a vendor's meaning. */
const relatedCode = z.object({ code: z.number().int(), vendor: z.string().optional(), note: sentence });
export const reference = z.object({ label: shortLine, url: z.url('must be an absolute https URL') });
/**
 * The longest a step tagged with a stack may be: such a step leads a collapsed card as the likely fix, which must
 * fit a phone's chat with the card's title in about 300 px. Further detail goes in a step of its own after it.
 */
export const MAX_TAGGED_STEP_CHARS = 250;
/**
 * An entry's step, plain or tagged with the stacks it is for ("raise client_max_body_size" → nginx): a message that
 * names one of them gets that step first, as the likely fix. Stack ids are vendors' or data/stacks.json's.
 */
const entryStep = z.union([
  sentence,
  z
    .object({
      text: sentence,
      stacks: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a vendor or stack id')).min(1),
    })
    .strict(),
]);
const entryNextSteps = z.object({
  client: z.array(entryStep).min(1, 'needs at least one step for the caller'),
  server: z.array(entryStep).min(1, 'needs at least one step for whoever runs the server'),
});

/** One step of an entry with the side it is for and the stacks it is tagged with (none: any stack). */
export const sideStepSchema = z
  .object({ side: z.enum(['client', 'server']), text: z.string(), stacks: z.array(z.string()) })
  .strict();
export type SideStep = z.output<typeof sideStepSchema>;

/** What to do next, for whoever calls the API and for whoever runs the server. */
const nextSteps = z.object({
  client: z.array(sentence).min(1, 'needs at least one step for the caller'),
  server: z.array(sentence).min(1, 'needs at least one step for whoever runs the server'),
});

/**
 * A worked example: a concrete situation in one or two sentences, and what the user would see in a terminal
 * (`curl -i` for a status, the client's own output for a network error). Host names are example.com/.test ones.
 */
const example = z
  .object({
    scenario: sentence.max(300, 'must be at most 300 characters'),
    transcript: z
      .string()
      .min(20, 'must show what a terminal prints (at least 20 characters)')
      .max(900, 'must be at most 900 characters')
      .refine((t) => t.split('\n').length <= 16, 'must be at most 16 lines'),
  })
  .strict();

/**
 * Who usually has to act: whoever calls (`client`), whoever runs the server (`server`), `either`,
 * or `nobody` (nothing failed).
 */
export const FIXED_BY = ['client', 'server', 'either', 'nobody'] as const;
const fixedBy = z
  .object({ side: z.enum(FIXED_BY), note: sentence.max(300, 'must be at most 300 characters') })
  .strict();

export const STATUSES = ['standard', 'temporary', 'unused', 'obsolete', 'vendor'] as const;
export type RegistryStatus = (typeof STATUSES)[number];

/**
 * When retrying makes sense: `now` (safe to repeat as is), `later` (after a wait, honouring Retry-After),
 * `after-fix` (only once the request or the account is changed), `never` (repeating cannot help),
 * `not-needed` (nothing failed).
 */
export const RETRY_WHEN = ['now', 'later', 'after-fix', 'never', 'not-needed'] as const;
export type RetryWhen = (typeof RETRY_WHEN)[number];

export const PREVALENCE = ['common', 'occasional', 'rare'] as const;
export type Prevalence = (typeof PREVALENCE)[number];

/** An entry's fields as written in its file, before the checks across fields and the steps' reshaping below. */
export const entryFields = z
  .object({
    code: z.number().int().min(100, 'must be between 100 and 599').max(599, 'must be between 100 and 599'),
    name: shortLine,
    aliases: z.array(shortLine).default([]),
    class: z.string().regex(/^[1-5]xx$/, 'must be one of 1xx, 2xx, 3xx, 4xx, 5xx'),
    status: z.enum(STATUSES),
    vendor: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a vendor id from data/vendors.json')
      .optional(),
    prevalence: z.enum(PREVALENCE),
    summary: sentence.max(200, 'must be one line (at most 200 characters)'),
    description: z.string().trim().min(40, 'must explain the code in plain words (at least 40 characters)').max(1200),
    causes: z.array(sentence).default([]),
    symptoms: z.array(shortLine).default([]),
    nextSteps: entryNextSteps,
    headers: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as Retry-After')).default([]),
    retry: z.object({ when: z.enum(RETRY_WHEN), advice: sentence }),
    related: z.array(relatedCode).default([]),
    example,
    fixedBy,
    references: z.array(reference).min(1, 'needs at least one reference (an RFC section or the vendor documentation)'),
  })
  .strict();

export const entrySchema = entryFields
  .superRefine((entry, ctx) => {
    const expectedClass = `${Math.floor(entry.code / 100)}xx`;
    if (entry.class !== expectedClass) {
      ctx.addIssue({ code: 'custom', path: ['class'], message: `must be ${expectedClass} for code ${entry.code}` });
    }
    if (entry.status === 'vendor' && !entry.vendor) {
      ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'is required when status is "vendor"' });
    }
    if (entry.status !== 'vendor' && entry.vendor) {
      ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'is only allowed when status is "vendor"' });
    }
  })
  // Steps are read as sentences everywhere; their stacks, where tagged, are kept beside them for the likely fix.
  .transform(({ nextSteps: tagged, ...entry }) => {
    const steps = (side: SideStep['side']) =>
      tagged[side].map((s): SideStep => (typeof s === 'string' ? { side, text: s, stacks: [] } : { side, ...s }));
    const sideSteps = [...steps('client'), ...steps('server')];
    const texts = (side: SideStep['side']) => sideSteps.filter((s) => s.side === side).map((s) => s.text);
    return { ...entry, nextSteps: { client: texts('client'), server: texts('server') }, sideSteps };
  });

/** One validated entry as the engine sees it, with its id (`502`, `499-nginx`) and the file it came from. */
export type StatusEntry = z.output<typeof entrySchema> & { id: string; file: string };

/** The entry id a related code points at: "504", or "521-cloudflare" for a vendor's meaning. */
export function relatedEntryId(related: z.output<typeof relatedCode>): string {
  return related.vendor ? `${related.code}-${related.vendor}` : String(related.code);
}

export const vendorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: shortLine,
    /** Words that, seen in a message, say the user is behind this vendor ("cf-ray", "alb"). Lower case. */
    keywords: z.array(z.string().regex(/^[a-z0-9 .\-/]+$/, 'must be lower-case words')).min(1),
    url: z.url().optional(),
  })
  .strict();

export type Vendor = z.output<typeof vendorSchema>;

export const classInfoSchema = z
  .object({
    class: z.string().regex(/^[1-5]xx$/, 'must be one of 1xx, 2xx, 3xx, 4xx, 5xx'),
    name: shortLine,
    description: sentence,
    advice: sentence,
    // The parts a follow-up asks for ("so is it ever my fault?" after "explain 5xx"), as an entry has them.
    summary: sentence.max(200, 'must be one line (at most 200 characters)'),
    causes: z.array(sentence).min(1, 'needs at least one typical cause'),
    nextSteps,
    fixedBy,
    retry: sentence,
    example,
    references: z.array(reference).min(1, 'needs at least one reference (its RFC 9110 section)'),
  })
  .strict();

/** What a class of codes means as a group ("5xx: Server error"), with the parts a follow-up asks for. */
export type ClassInfo = z.output<typeof classInfoSchema>;

/**
 * A failure with no HTTP status at all (`data/network-errors.json`): the connection was refused or reset, the name
 * did not resolve, TLS failed, the browser's CORS check hid the response. Users paste these as if they were statuses.
 */
export const networkErrorSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id such as connection-refused'),
    name: shortLine,
    /**
     * The status nginx answers when it meets this failure talking to its backend ("… while connecting to upstream").
     */
    proxyStatus: z
      .number()
      .int()
      .min(100, 'must be a status between 100 and 599')
      .max(599, 'must be a status between 100 and 599')
      .optional(),
    /** Text that, found in a message (lower-cased), names this failure: "econnrefused", "curl: (7)". */
    signatures: z
      .array(
        z
          .string()
          .min(4, 'must be at least 4 characters, or it matches ordinary words')
          .regex(/^[^A-Z]+$/, 'must be lower case'),
      )
      .min(1),
    /**
     * The failure told in words ("the connection was refused", "cors is blocking my fetch"): two to four words found
     * in this order, inflected, with a few words between them.
     */
    told: z
      .array(z.string().regex(/^[a-z0-9-]+(?: [a-z0-9-]+){1,3}$/, 'must be two to four lower-case words'))
      .default([]),
    summary: sentence.max(200, 'must be one line (at most 200 characters)'),
    description: z
      .string()
      .trim()
      .min(40, 'must explain the failure in plain words (at least 40 characters)')
      .max(1200),
    nextSteps,
    related: z
      .array(
        relatedCode.extend({
          /** The vendor only logs this status; its client sees the failure itself (nginx's 444, an ALB's 460). */
          loggedOnly: z.literal(true).optional(),
        }),
      )
      .min(1, 'needs at least one status to compare it with'),
    example,
    fixedBy,
    references: z.array(reference).min(1, 'needs at least one reference'),
  })
  .strict();

export type NetworkError = z.output<typeof networkErrorSchema>;
