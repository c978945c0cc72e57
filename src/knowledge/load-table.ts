/**
 * Reads `data/codes/*.json`, `data/vendors.json`, the network and provider errors, validates every entry and the links
 * between them, and builds the StatusTable. Any problem throws a DataError naming the file, the code and the field;
 * nothing half-loaded is ever served.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { z } from 'zod/v4';
import { DataError } from './data-error';
import { firstIssue, readJson } from './data-file';
import {
  classInfoSchema,
  entrySchema,
  MAX_TAGGED_STEP_CHARS,
  networkErrorSchema,
  relatedEntryId,
  vendorSchema,
  type ClassInfo,
  type NetworkError,
  type StatusEntry,
  type Vendor,
} from './entry-schema';
import { loadProviderErrors } from './load-provider-errors';
import { StatusTable } from './status-table';

/** Where the table lives in a checkout: `<project>/data`, found from both `src/knowledge` and `dist/src/knowledge`. */
export const DEFAULT_DATA_DIR = join(projectRoot(__dirname), 'data');

function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, '..', '..');
    dir = parent;
  }
  return dir;
}

export interface LoadOptions {
  /** Skip the check that related codes exist (for validating a table while it is being written). Default true. */
  checkLinks?: boolean;
}

export function loadTable(dataDir: string = DEFAULT_DATA_DIR, options: LoadOptions = {}): StatusTable {
  const vendors = loadVendors(dataDir);
  const vendorIds = new Set(vendors.map((v) => v.id));
  const stacks = loadStacks(dataDir, vendorIds);
  const stackIds = new Set([...vendorIds, ...stacks.map((s) => s.id)]);
  const codesDir = join(dataDir, 'codes');
  const files = readdirSync(codesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const entries = files.map((file) => loadEntry(dataDir, join(codesDir, file), vendorIds, stackIds));
  const networkErrors = loadNetworkErrors(dataDir, vendorIds);
  const checked = options.checkLinks !== false;
  if (checked) {
    checkLinks(entries);
    checkNetworkErrorLinks(networkErrors, entries);
  }
  const statusNames = new Map(
    entries.flatMap((e) => [e.name, ...e.aliases].map((n) => [n.toLowerCase(), e.code] as const)),
  );
  const named = loadProviderErrors(dataDir, checked ? new Set(entries.map((e) => e.id)) : null, statusNames);
  return new StatusTable(entries, vendors, loadClasses(dataDir), networkErrors, named, stacks);
}

function loadList<T>(dataDir: string, name: string, schema: z.ZodType<T>, what: string): T[] {
  const path = join(dataDir, name);
  const file = relative(join(dataDir, '..'), path);
  const raw = readJson(dataDir, path);
  if (!Array.isArray(raw)) throw new DataError(file, undefined, '(file)', `must be a JSON array of ${what}`);
  return raw.map((item: unknown, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const { field, problem } = firstIssue(parsed.error);
      throw new DataError(file, undefined, `[${i}].${field}`, problem);
    }
    return parsed.data;
  });
}

function loadVendors(dataDir: string): Vendor[] {
  return loadList(dataDir, 'vendors.json', vendorSchema, 'vendors');
}

/** Stacks a step can be tagged with besides the vendors (Express, Django, Kubernetes): ids of their own. */
function loadStacks(dataDir: string, vendorIds: Set<string>): Vendor[] {
  const stacks = loadList(dataDir, 'stacks.json', vendorSchema, 'stacks');
  stacks.forEach((stack, i) => {
    if (vendorIds.has(stack.id) || stacks.findIndex((s) => s.id === stack.id) !== i)
      throw new DataError(
        'data/stacks.json',
        undefined,
        `[${i}].id`,
        `repeats "${stack.id}", already a vendor or a stack`,
      );
  });
  return stacks;
}

function loadClasses(dataDir: string): ClassInfo[] {
  const classes = loadList(dataDir, 'classes.json', classInfoSchema, 'classes');
  for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx']) {
    if (!classes.some((c) => c.class === cls))
      throw new DataError('data/classes.json', undefined, 'class', `has no entry for ${cls}; every class needs one`);
  }
  return classes;
}

const NETWORK_ERRORS_FILE = 'network-errors.json';

function loadNetworkErrors(dataDir: string, vendorIds: Set<string>): NetworkError[] {
  const errors = loadList(dataDir, NETWORK_ERRORS_FILE, networkErrorSchema, 'network errors');
  const file = `data/${NETWORK_ERRORS_FILE}`;
  const seen = new Map<string, string>();
  errors.forEach((error, i) => {
    if (errors.findIndex((e) => e.id === error.id) !== i)
      throw new DataError(file, undefined, `[${i}].id`, `repeats "${error.id}"; every network error needs its own id`);
    error.signatures.forEach((signature, j) => {
      const owner = seen.get(signature);
      if (owner)
        throw new DataError(
          file,
          undefined,
          `[${i}].signatures[${j}]`,
          `"${signature}" is already a signature of ${owner}; a signature must name one failure`,
        );
      seen.set(signature, error.id);
    });
    error.related.forEach((rel, j) => {
      if (rel.vendor && !vendorIds.has(rel.vendor))
        throw new DataError(
          file,
          undefined,
          `[${i}].related[${j}].vendor`,
          `names "${rel.vendor}", which is not in data/vendors.json`,
        );
    });
  });
  return errors;
}

/** Every status a network error points at must have an entry, so its buttons lead somewhere. */
function checkNetworkErrorLinks(errors: NetworkError[], entries: StatusEntry[]): void {
  const ids = new Set(entries.map((e) => e.id));
  const file = `data/${NETWORK_ERRORS_FILE}`;
  errors.forEach((error, i) => {
    error.related.forEach((rel, j) => {
      const target = relatedEntryId(rel);
      if (!ids.has(target))
        throw new DataError(
          file,
          undefined,
          `[${i}].related[${j}].code`,
          `points at ${target}, which has no entry in data/codes/`,
        );
    });
    if (error.proxyStatus !== undefined && !ids.has(String(error.proxyStatus)))
      throw new DataError(
        file,
        undefined,
        `[${i}].proxyStatus`,
        `is ${error.proxyStatus}, which has no entry in data/codes/`,
      );
  });
}

function loadEntry(dataDir: string, path: string, vendorIds: Set<string>, stackIds: Set<string>): StatusEntry {
  const file = relative(join(dataDir, '..'), path);
  const raw = readJson(dataDir, path) as { code?: unknown };
  const code = typeof raw?.code === 'number' ? raw.code : undefined;
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const { field, problem } = firstIssue(parsed.error);
    throw new DataError(file, code, field, problem);
  }
  const entry = parsed.data;
  const id = entry.vendor ? `${entry.code}-${entry.vendor}` : String(entry.code);
  if (entry.vendor && !vendorIds.has(entry.vendor)) {
    throw new DataError(
      file,
      entry.code,
      'vendor',
      `names "${entry.vendor}", which is not in data/vendors.json (known: ${[...vendorIds].join(', ')})`,
    );
  }
  for (const side of ['client', 'server'] as const) {
    const steps = (raw as { nextSteps?: Record<string, unknown[]> }).nextSteps?.[side] ?? [];
    steps.forEach((step, i) => {
      const unknown =
        typeof step === 'object' && step
          ? ((step as { stacks?: string[] }).stacks ?? []).findIndex((s) => !stackIds.has(s))
          : -1;
      if (unknown >= 0)
        throw new DataError(
          file,
          entry.code,
          `nextSteps.${side}[${i}].stacks[${unknown}]`,
          'is not a vendor in data/vendors.json nor a stack in data/stacks.json',
        );
      const text = typeof step === 'object' && step ? (step as { text?: unknown }).text : undefined;
      if (typeof text === 'string' && text.length > MAX_TAGGED_STEP_CHARS)
        throw new DataError(
          file,
          entry.code,
          `nextSteps.${side}[${i}].text`,
          `is ${text.length} characters; a step tagged with a stack leads a collapsed card as the likely fix, so it ` +
            `must fit a phone: at most ${MAX_TAGGED_STEP_CHARS}, with further detail in a step of its own`,
        );
    });
  }
  const expectedName = `${id}.json`;
  if (!path.endsWith(`/${expectedName}`)) {
    throw new DataError(
      file,
      entry.code,
      entry.vendor ? 'vendor' : 'code',
      `does not match the file name; this entry belongs in data/codes/${expectedName}`,
    );
  }
  return { ...entry, id, file };
}

/** Related codes must point at entries that exist, so every "see also" button leads somewhere. */
function checkLinks(entries: StatusEntry[]): void {
  const ids = new Set(entries.map((e) => e.id));
  const numbers = new Set(entries.map((e) => e.code));
  for (const entry of entries) {
    entry.related.forEach((rel, i) => {
      const target = relatedEntryId(rel);
      const exists = rel.vendor ? ids.has(target) : numbers.has(rel.code);
      if (!exists)
        throw new DataError(
          entry.file,
          entry.code,
          `related[${i}].code`,
          `points at ${target}, which has no entry in data/codes/`,
        );
      if (rel.code === entry.code && rel.vendor === entry.vendor)
        throw new DataError(entry.file, entry.code, `related[${i}].code`, 'points at the entry itself');
    });
  }
}
