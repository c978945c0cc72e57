/**
 * The line an answer starts with when the message held a credential, in the words of `data/secrets.json`:
 *
 *   secretWarning(words, ['bearer-token'])
 *   // "Your message contains what looks like a bearer token; consider it exposed and rotate it."
 */
import { z } from 'zod/v4';
import { loadDataFile } from './data-file';
import { sentence } from './entry-schema';
import { SECRET_KINDS, type SecretKind } from './secrets';

const template = sentence.refine((s) => s.includes('{kinds}'), 'must contain {kinds}');

export const secretWordsSchema = z
  .object({
    comment: z.string().optional(),
    warning: z.object({ one: template, several: template, and: z.string().trim().min(1).max(12) }).strict(),
    /** What each kind is called, to finish "what looks like …": "a bearer token". */
    kinds: z
      .object(
        Object.fromEntries(SECRET_KINDS.map((k) => [k, z.string().trim().min(3).max(80)])) as Record<
          SecretKind,
          z.ZodString
        >,
      )
      .strict(),
  })
  .strict();

export type SecretWords = z.output<typeof secretWordsSchema>;

export function loadSecretWords(dataDir: string): SecretWords {
  return loadDataFile(dataDir, 'secrets.json', secretWordsSchema);
}

/** The warning for the kinds found, named in the order given: "… a bearer token, a cookie and an API key; …". */
export function secretWarning(words: SecretWords, kinds: readonly SecretKind[]): string {
  const names = kinds.map((k) => words.kinds[k]);
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} ${words.warning.and} ${names.at(-1)}` : (names[0] ?? '');
  return (names.length > 1 ? words.warning.several : words.warning.one).replace('{kinds}', list);
}
