/**
 * Reading one JSON file of `data/` against its schema. Any problem throws a DataError naming the file and the field
 * (with its index in a list), so whoever edited the file can fix it without reading the loader.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod/v4';
import { DataError } from './data-error';

/** `data/<name>` as the error messages name it, relative to the project. */
export function dataFileName(dataDir: string, path: string): string {
  return relative(join(dataDir, '..'), path);
}

export function readJson(dataDir: string, path: string): unknown {
  const file = dataFileName(dataDir, path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(file, undefined, '(file)', `could not be read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DataError(file, undefined, '(file)', `is not valid JSON: ${(err as Error).message}`);
  }
}

/** The first problem zod found, as a field path ("acts[2].phrases[0]") and what is wrong with it. */
export function firstIssue(error: z.ZodError, whole = '(entry)'): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: whole, problem: 'is invalid' };
  const field = issue.path.length
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : whole;
  return { field, problem: issue.message };
}

/** `data/<name>`, parsed and validated as a whole. */
export function loadDataFile<T>(dataDir: string, name: string, schema: z.ZodType<T>): T {
  const path = join(dataDir, name);
  const parsed = schema.safeParse(readJson(dataDir, path));
  if (!parsed.success) {
    const { field, problem } = firstIssue(parsed.error, '(file)');
    throw new DataError(dataFileName(dataDir, path), undefined, field, problem);
  }
  return parsed.data;
}
