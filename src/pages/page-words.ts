/**
 * The words of the code pages (`data/pages.json`), validated at start-up like every file of `data/`: a missing
 * heading, or a template without the placeholder it needs, stops the bot naming the field.
 *
 * ```ts
 * const words = loadPageWords(dataDir);
 * fill(words.entry.title, { code: 502, name: 'Bad Gateway' }); // "502 Bad Gateway"
 * ```
 */
import { z } from 'zod/v4';
import { loadDataFile } from '../knowledge/data-file';

const words = z.string().trim().min(1).max(300);
/** A template that must hold each of `names` in braces. */
const template = (...names: string[]) =>
  names.reduce((schema, name) => schema.refine((s) => s.includes(`{${name}}`), `must contain {${name}}`), words);

export const pageWordsSchema = z
  .object({
    comment: z.string().optional(),
    site: z.object({ name: words, tagline: words, codes: words, chat: words, skip: words, footer: words }).strict(),
    index: z
      .object({
        title: words,
        description: words,
        contents: words,
        filterLabel: words,
        filterHint: words,
        shown: template('shown', 'total'),
        none: words,
        registry: words,
        vendor: template('vendor'),
      })
      .strict(),
    entry: z
      .object({
        title: template('code', 'name'),
        vendorTitle: template('code', 'name', 'vendor'),
        aliases: words,
        meaning: words,
        causes: words,
        nextSteps: words,
        headers: words,
        retry: words,
        example: words,
        fixedBy: words,
        otherMeanings: words,
        related: words,
        references: words,
      })
      .strict(),
    meanings: z.object({ title: template('code'), lead: template('code') }).strict(),
    notFound: z.object({ title: words, text: words, sameNumber: words }).strict(),
  })
  .strict();

export type PageWords = z.output<typeof pageWordsSchema>;

export function loadPageWords(dataDir: string): PageWords {
  return loadDataFile(dataDir, 'pages.json', pageWordsSchema);
}

/** The template with each `{name}` replaced by its value. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
