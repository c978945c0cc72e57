/**
 * Reads `data/provider-errors/*.json` (one file per provider) and checks what the schema cannot: ids unique across
 * files, each name or phrase claimed by one error of a provider (and a phrase by one error anywhere), and a status that
 * has an entry in `data/codes/`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './data-error';
import { dataFileName, firstIssue, readJson } from './data-file';
import { providerFileSchema, type Provider, type ProviderError } from './provider-error-schema';

export const PROVIDER_ERRORS_DIR = 'provider-errors';

export interface ProviderErrors {
  providers: Provider[];
  errors: ProviderError[];
}

/**
 * `statusNames`: every status's name and aliases, lower case. A reason phrase ("forbidden", "too many requests") names
 * the status, whoever sends it, so it cannot name one provider's error.
 */
export function loadProviderErrors(
  dataDir: string,
  entryIds: ReadonlySet<string> | null,
  statusNames: ReadonlyMap<string, number>,
): ProviderErrors {
  const dir = join(dataDir, PROVIDER_ERRORS_DIR);
  if (!existsSync(dir)) return { providers: [], errors: [] };
  const providers: Provider[] = [];
  const errors: ProviderError[] = [];
  const errorIds = new Set<string>();
  const openPhrases = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(dir, name);
    const file = dataFileName(dataDir, path);
    const parsed = providerFileSchema.safeParse(readJson(dataDir, path));
    if (!parsed.success) {
      const { field, problem } = firstIssue(parsed.error, '(file)');
      throw new DataError(file, undefined, field, problem);
    }
    const { provider } = parsed.data;
    if (providers.some((p) => p.id === provider.id))
      throw new DataError(file, undefined, 'provider.id', `repeats "${provider.id}"; one file per provider`);
    if (name !== `${provider.id}.json`)
      throw new DataError(
        file,
        undefined,
        'provider.id',
        `is "${provider.id}"; this file belongs in data/${PROVIDER_ERRORS_DIR}/${provider.id}.json`,
      );
    providers.push(provider);
    const claimed = new Map<string, string>();
    parsed.data.errors.forEach((error, i) => {
      const at = (field: string) => `errors[${i}].${field}`;
      if (errorIds.has(error.id))
        throw new DataError(file, undefined, at('id'), `repeats "${error.id}"; every provider error needs its own id`);
      errorIds.add(error.id);
      const claim = (text: string, field: string) => {
        const key = text.toLowerCase();
        const owner = claimed.get(key);
        if (owner)
          throw new DataError(
            file,
            undefined,
            at(field),
            `"${text}" already identifies ${owner}; a name or phrase must name one error of a provider`,
          );
        claimed.set(key, error.id);
      };
      error.names.forEach((n, j) => claim(n, `names[${j}]`));
      const notAStatusName = (text: string, field: string) => {
        const code = statusNames.get(text);
        if (code !== undefined)
          throw new DataError(
            file,
            undefined,
            at(field),
            `"${text}" is the name of status ${code}; quote more of what the provider prints`,
          );
      };
      error.withProvider.forEach((w, j) => {
        claim(w, `withProvider[${j}]`);
        notAStatusName(w, `withProvider[${j}]`);
      });
      error.phrases.forEach((p, j) => {
        claim(p, `phrases[${j}]`);
        notAStatusName(p, `phrases[${j}]`);
        const owner = openPhrases.get(p);
        if (owner)
          throw new DataError(
            file,
            undefined,
            at(`phrases[${j}]`),
            `"${p}" already identifies ${owner}; move it to withProvider or quote more of the message`,
          );
        openPhrases.set(p, error.id);
      });
      const statusId = error.statusVendor ? `${error.status}-${error.statusVendor}` : String(error.status);
      if (entryIds && !entryIds.has(statusId))
        throw new DataError(
          file,
          undefined,
          at(error.statusVendor ? 'statusVendor' : 'status'),
          `points at ${statusId}, which has no entry in data/codes/`,
        );
      errors.push({ ...error, provider: provider.id, statusId, file });
    });
  }
  return { providers, errors };
}
