/**
 * load-table.ts + entry-schema.ts + data-error.ts: the real table loads and covers what it must; a broken table
 * fails with a DataError that names the file, the code and the field, and says what is wrong.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../../src/knowledge/data-error';
import { MAX_TAGGED_STEP_CHARS, STATUSES, type StatusEntry } from '../../src/knowledge/entry-schema';
import { StatusEngine } from '../../src/knowledge/engine';
import { loadLexicon } from '../../src/knowledge/lexicon';
import { DEFAULT_DATA_DIR, loadTable } from '../../src/knowledge/load-table';
import { classOf, type StatusTable } from '../../src/knowledge/status-table';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let table: StatusTable;
beforeAll(() => {
  table = loadTable();
});

const registry = (code: number): StatusEntry | undefined => table.meaningsOf(code).find((e) => e.status !== 'vendor');

describe('the real table', () => {
  test('loads from the default data dir, with links checked', () => {
    expect(DEFAULT_DATA_DIR).toMatch(/data$/);
    expect(table.entries.length).toBeGreaterThanOrEqual(90);
    expect(table.vendors.length).toBeGreaterThanOrEqual(10);
    expect(table.classes.map((c) => c.class).sort()).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
  });

  test('the lexicon loads and the whole engine builds', () => {
    expect(() => loadLexicon(DEFAULT_DATA_DIR)).not.toThrow();
    expect(() => StatusEngine.load()).not.toThrow();
  });

  test('every entry has a unique id that matches its file', () => {
    const ids = table.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of table.entries) {
      expect(e.id).toBe(e.vendor ? `${e.code}-${e.vendor}` : String(e.code));
      expect(e.file).toBe(`data/codes/${e.id}.json`);
    }
  });

  test('every entry: class is its hundreds, vendor only on vendor status, vendor is known', () => {
    for (const e of table.entries) {
      expect([e.id, e.class]).toEqual([e.id, classOf(e.code)]);
      expect(STATUSES).toContain(e.status);
      expect([e.id, e.status === 'vendor']).toEqual([e.id, e.vendor !== undefined]);
      if (e.vendor) expect(table.vendor(e.vendor)).toBeDefined();
    }
  });

  test('meaningsOf lists the registry meaning first, then vendors by prevalence', () => {
    const rank = { common: 0, occasional: 1, rare: 2 };
    for (const code of table.codes) {
      const list = table.meaningsOf(code);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!;
        const b = list[i]!;
        expect(Number(a.status === 'vendor') <= Number(b.status === 'vendor')).toBe(true);
        if (a.status === 'vendor' && b.status === 'vendor')
          expect(rank[a.prevalence]).toBeLessThanOrEqual(rank[b.prevalence]);
      }
    }
    expect(table.meaningsOf(499).map((e) => e.id)).toEqual(['499-nginx', '499-esri']);
    expect(table.meaningsOf(451).map((e) => e.id)).toEqual(['451', '451-exchange']);
    expect(table.meaningsOf(471)).toEqual([]);
  });

  const registryCodes = [
    ...range(100, 104),
    ...range(200, 208),
    226,
    ...range(300, 308),
    ...range(400, 418),
    ...range(421, 426),
    428,
    429,
    431,
    451,
    ...range(500, 508),
    510,
    511,
  ];
  test.each(registryCodes)('registry code %i has a registry entry', (code) => {
    const entry = registry(code);
    expect(entry).toBeDefined();
    expect(['standard', 'temporary', 'unused', 'obsolete']).toContain(entry?.status);
    expect(entry?.id).toBe(String(code));
  });

  test.each<[number, string]>([
    ...range(520, 527).map((c) => [c, 'cloudflare'] as [number, string]),
    [530, 'cloudflare'],
    [444, 'nginx'],
    [494, 'nginx'],
    [495, 'nginx'],
    [496, 'nginx'],
    [497, 'nginx'],
    [499, 'nginx'],
    [460, 'aws-elb'],
    [463, 'aws-elb'],
    [464, 'aws-elb'],
    [561, 'aws-elb'],
    [440, 'iis'],
    [449, 'iis'],
    [419, 'laravel'],
    [420, 'twitter'],
    [420, 'spring'],
    [430, 'shopify'],
    [509, 'apache'],
    [598, 'proxies'],
    [599, 'proxies'],
    [499, 'esri'],
    [530, 'pantheon'],
  ])('vendor meaning %i (%s) exists', (code, vendor) => {
    const entry = table.entry(`${code}-${vendor}`);
    expect(entry).toBeDefined();
    expect(entry?.status).toBe('vendor');
    expect(entry?.vendor).toBe(vendor);
    expect(entry?.code).toBe(code);
  });

  test.each<[number, string]>([
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [418, '(Unused)'],
    [306, '(Unused)'],
    [416, 'Range Not Satisfiable'],
    [414, 'URI Too Long'],
    [302, 'Found'],
    [504, 'Gateway Timeout'],
    [502, 'Bad Gateway'],
    [429, 'Too Many Requests'],
  ])('%i is called by its current name %j', (code, name) => {
    expect(registry(code)?.name).toBe(name);
  });

  test.each<[number, string]>([
    [413, 'Payload Too Large'],
    [413, 'Request Entity Too Large'],
    [422, 'Unprocessable Entity'],
    [414, 'Request-URI Too Long'],
    [416, 'Requested Range Not Satisfiable'],
    [302, 'Moved Temporarily'],
    [306, 'Switch Proxy'],
    [418, "I'm a teapot"],
    [504, 'Gateway Time-out'],
  ])('%i keeps the old name %j as an alias', (code, alias) => {
    const entry = registry(code);
    expect(entry?.aliases).toContain(alias);
    expect(entry?.name).not.toBe(alias);
  });

  test.each<[number, string]>([
    [104, 'temporary'],
    [510, 'obsolete'],
    [306, 'unused'],
    [418, 'unused'],
    [200, 'standard'],
    [503, 'standard'],
  ])('%i has registry status %s', (code, status) => {
    expect(registry(code)?.status).toBe(status);
  });

  test('every standard entry cites an RFC', () => {
    const standard = table.entries.filter((e) => e.status === 'standard');
    expect(standard.length).toBeGreaterThan(50);
    const missing = standard.filter(
      (e) =>
        !e.references.some(
          (r) =>
            /rfc-editor\.org\/rfc\/rfc\d+|datatracker\.ietf\.org\/doc\/html\/rfc\d+/.test(r.url) &&
            /^RFC \d+/.test(r.label),
        ),
    );
    expect(missing.map((e) => e.id)).toEqual([]);
  });

  test('every reference is an absolute https URL', () => {
    for (const e of table.entries)
      for (const r of e.references) expect([e.id, r.url]).toEqual([e.id, expect.stringMatching(/^https:\/\//)]);
  });

  test.each<[number, number]>([
    [401, 403],
    [502, 504],
    [404, 410],
    [301, 308],
    [302, 307],
    [429, 503],
    [412, 428],
  ])('%i and %i point at each other as related', (a, b) => {
    expect(registry(a)?.related.map((r) => r.code)).toContain(b);
    expect(registry(b)?.related.map((r) => r.code)).toContain(a);
  });

  test('every related link points at an existing entry, never at itself, and carries a note', () => {
    for (const e of table.entries) {
      for (const r of e.related) {
        const target = r.vendor ? table.entry(`${r.code}-${r.vendor}`) : table.meaningsOf(r.code)[0];
        expect([e.id, r.code, target !== undefined]).toEqual([e.id, r.code, true]);
        expect(r.code === e.code && r.vendor === e.vendor).toBe(false);
        expect(r.note.length).toBeGreaterThan(10);
      }
    }
  });

  test('codesInClass lists one entry per number, in order, only of that class', () => {
    const fives = table.codesInClass('5xx');
    expect(fives.map((e) => e.code)).toEqual([...fives.map((e) => e.code)].sort((a, b) => a - b));
    expect(new Set(fives.map((e) => e.code)).size).toBe(fives.length);
    expect(fives.every((e) => e.class === '5xx')).toBe(true);
    expect(fives.find((e) => e.code === 530)?.id).toBe('530-cloudflare');
  });

  test.each<[number, string | null]>([
    [100, '1xx'],
    [599, '5xx'],
    [404, '4xx'],
    [99, null],
    [600, null],
    [0, null],
    [-404, null],
    [404.5, null],
    [Number.NaN, null],
  ])('classOf(%p) = %p', (code, cls) => {
    expect(classOf(code)).toBe(cls);
  });
});

// === The error path: a copy of data/ with one thing broken.

type Json = Record<string, unknown> & {
  related?: Array<Record<string, unknown>>;
  nextSteps?: Record<string, unknown>;
  retry?: Record<string, unknown>;
};

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of data/ at <tmp>/data, so DataError names files as "data/codes/502.json". */
function copyData(): string {
  const root = mkdtempSync(join(tmpdir(), 'statusbot-data-'));
  roots.push(root);
  const dir = join(root, 'data');
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  return dir;
}

function editJson(dir: string, file: string, edit: (json: Json) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

function loadError(dir: string, load: (dir: string) => unknown = loadTable): DataError {
  try {
    load(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected a DataError, but the table loaded');
}

interface BrokenCase {
  what: string;
  breakIt: (dir: string) => void;
  file: string;
  /** The code named in the message, or null when the message cannot know it. */
  code: number | null;
  field: string;
  problem: RegExp;
}

const entryCases: BrokenCase[] = [
  {
    what: 'a missing required field (nextSteps.client)',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => delete j.nextSteps?.client),
    file: 'data/codes/502.json',
    code: 502,
    field: 'nextSteps.client',
    problem: /expected array, received undefined/,
  },
  {
    what: 'an empty list that needs an item (nextSteps.client)',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.nextSteps!.client = [])),
    file: 'data/codes/502.json',
    code: 502,
    field: 'nextSteps.client',
    problem: /needs at least one step for the caller/,
  },
  {
    what: 'a missing name',
    breakIt: (d) => editJson(d, 'codes/404.json', (j) => delete j.name),
    file: 'data/codes/404.json',
    code: 404,
    field: 'name',
    problem: /expected string, received undefined/,
  },
  {
    what: 'a wrong type (name is a number)',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.name = 502)),
    file: 'data/codes/502.json',
    code: 502,
    field: 'name',
    problem: /expected string, received number/,
  },
  {
    what: 'a wrong type (aliases is a string)',
    breakIt: (d) => editJson(d, 'codes/413.json', (j) => (j.aliases = 'Payload Too Large')),
    file: 'data/codes/413.json',
    code: 413,
    field: 'aliases',
    problem: /expected array, received string/,
  },
  {
    what: 'a value outside an enum (retry.when)',
    breakIt: (d) => editJson(d, 'codes/429.json', (j) => (j.retry!.when = 'sometimes')),
    file: 'data/codes/429.json',
    code: 429,
    field: 'retry.when',
    problem: /expected one of "now"\|"later"\|"after-fix"\|"never"\|"not-needed"/,
  },
  {
    what: 'an out-of-range code (602)',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.code = 602)),
    file: 'data/codes/502.json',
    code: 602,
    field: 'code',
    problem: /must be between 100 and 599/,
  },
  {
    what: 'an out-of-range code (99)',
    breakIt: (d) => editJson(d, 'codes/100.json', (j) => (j.code = 99)),
    file: 'data/codes/100.json',
    code: 99,
    field: 'code',
    problem: /must be between 100 and 599/,
  },
  {
    what: 'a fractional code',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.code = 502.5)),
    file: 'data/codes/502.json',
    code: 502.5,
    field: 'code',
    problem: /expected int/,
  },
  {
    what: 'a class that does not match the code',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.class = '4xx')),
    file: 'data/codes/502.json',
    code: 502,
    field: 'class',
    problem: /must be 5xx for code 502/,
  },
  {
    what: 'a class that is no class at all',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.class = 'server')),
    file: 'data/codes/502.json',
    code: 502,
    field: 'class',
    problem: /must be one of 1xx, 2xx, 3xx, 4xx, 5xx/,
  },
  {
    what: 'a vendor id not in vendors.json (file named after it)',
    breakIt: (d) => {
      editJson(d, 'codes/499-nginx.json', (j) => (j.vendor = 'nginz'));
      renameSync(join(d, 'codes/499-nginx.json'), join(d, 'codes/499-nginz.json'));
    },
    file: 'data/codes/499-nginz.json',
    code: 499,
    field: 'vendor',
    problem: /names "nginz", which is not in data\/vendors\.json \(known: cloudflare, nginx, /,
  },
  {
    what: 'a vendor field on a registry entry',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.vendor = 'nginx')),
    file: 'data/codes/502.json',
    code: 502,
    field: 'vendor',
    problem: /is only allowed when status is "vendor"/,
  },
  {
    what: 'a vendor entry without its vendor',
    breakIt: (d) => editJson(d, 'codes/522-cloudflare.json', (j) => delete j.vendor),
    file: 'data/codes/522-cloudflare.json',
    code: 522,
    field: 'vendor',
    problem: /is required when status is "vendor"/,
  },
  {
    what: 'a related code with no entry',
    breakIt: (d) =>
      editJson(d, 'codes/502.json', (j) => j.related!.push({ code: 471, note: 'A code nobody has written up.' })),
    file: 'data/codes/502.json',
    code: 502,
    field: 'related[4].code',
    problem: /points at 471, which has no entry in data\/codes\//,
  },
  {
    what: 'a related vendor meaning with no entry',
    breakIt: (d) =>
      editJson(
        d,
        'codes/504.json',
        (j) => (j.related = [{ code: 524, vendor: 'nginx', note: 'A vendor meaning that does not exist.' }]),
      ),
    file: 'data/codes/504.json',
    code: 504,
    field: 'related[0].code',
    problem: /points at 524-nginx, which has no entry/,
  },
  {
    what: 'a related link to the entry itself',
    breakIt: (d) =>
      editJson(d, 'codes/404.json', (j) => (j.related = [{ code: 404, note: 'This is the same code again.' }])),
    file: 'data/codes/404.json',
    code: 404,
    field: 'related[0].code',
    problem: /points at the entry itself/,
  },
  {
    what: 'invalid JSON',
    breakIt: (d) => writeFileSync(join(d, 'codes/502.json'), '{"code": 502, "name": "Bad Gateway",'),
    file: 'data/codes/502.json',
    code: null,
    field: '(file)',
    problem: /is not valid JSON/,
  },
  {
    what: 'a JSON file that is not an object',
    breakIt: (d) => writeFileSync(join(d, 'codes/502.json'), '[]'),
    file: 'data/codes/502.json',
    code: null,
    field: '(entry)',
    problem: /expected object, received array/,
  },
  {
    what: 'a file name that does not match the code',
    breakIt: (d) => renameSync(join(d, 'codes/502.json'), join(d, 'codes/503x.json')),
    file: 'data/codes/503x.json',
    code: 502,
    field: 'code',
    problem: /does not match the file name; this entry belongs in data\/codes\/502\.json/,
  },
  {
    what: 'a copy of an entry under another code',
    breakIt: (d) => copyFileSync(join(d, 'codes/502.json'), join(d, 'codes/512.json')),
    file: 'data/codes/512.json',
    code: 502,
    field: 'code',
    problem: /belongs in data\/codes\/502\.json/,
  },
  {
    what: 'a file name that does not match the vendor',
    breakIt: (d) => renameSync(join(d, 'codes/499-esri.json'), join(d, 'codes/499-arcgis.json')),
    file: 'data/codes/499-arcgis.json',
    code: 499,
    field: 'vendor',
    problem: /belongs in data\/codes\/499-esri\.json/,
  },
  {
    what: 'an unknown field',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.colour = 'red')),
    file: 'data/codes/502.json',
    code: 502,
    field: '(entry)',
    problem: /Unrecognized key: "colour"/,
  },
  {
    what: 'a summary over 200 characters',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.summary = 'x'.repeat(201))),
    file: 'data/codes/502.json',
    code: 502,
    field: 'summary',
    problem: /at most 200 characters/,
  },
  {
    what: 'a reference that is not a URL',
    breakIt: (d) =>
      editJson(d, 'codes/502.json', (j) => ((j.references as Array<{ url: string }>)[1]!.url = 'see the RFC')),
    file: 'data/codes/502.json',
    code: 502,
    field: 'references[1].url',
    problem: /must be an absolute https URL/,
  },
  {
    what: 'no references',
    breakIt: (d) => editJson(d, 'codes/502.json', (j) => (j.references = [])),
    file: 'data/codes/502.json',
    code: 502,
    field: 'references',
    problem: /needs at least one reference/,
  },
  {
    what: 'a header that is no header name',
    breakIt: (d) => editJson(d, 'codes/429.json', (j) => (j.headers = ['Retry After'])),
    file: 'data/codes/429.json',
    code: 429,
    field: 'headers[0]',
    problem: /must be a header name such as Retry-After/,
  },
  {
    what: 'a description too short to explain anything',
    breakIt: (d) => editJson(d, 'codes/418.json', (j) => (j.description = 'A teapot.')),
    file: 'data/codes/418.json',
    code: 418,
    field: 'description',
    problem: /at least 40 characters/,
  },
];

describe('a broken entry stops the load with a DataError naming file, code and field', () => {
  test.each(entryCases.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const dir = copyData();
    c.breakIt(dir);
    const err = loadError(dir);
    expect(err.name).toBe('DataError');
    expect(err.file).toBe(c.file);
    expect(err.field).toBe(c.field);
    expect(err.problem).toMatch(c.problem);
    expect(err.message).toContain(c.file);
    expect(err.message).toContain(`field "${c.field}"`);
    expect(err.message).toMatch(c.problem);
    if (c.code === null) expect(err.message).not.toMatch(/\(code /);
    else {
      expect(err.code).toBe(c.code);
      expect(err.message).toContain(`(code ${c.code})`);
    }
  });

  test('the engine refuses a broken table the same way', () => {
    const dir = copyData();
    editJson(dir, 'codes/502.json', (j) => (j.class = '4xx'));
    expect(() => StatusEngine.load(dir)).toThrow(
      'Invalid status table entry in data/codes/502.json (code 502): field "class" must be 5xx for code 502',
    );
  });

  test('the message reads as one sentence: where, which field, what is wrong', () => {
    const dir = copyData();
    editJson(dir, 'codes/502.json', (j) => delete j.nextSteps?.client);
    expect(loadError(dir).message).toBe(
      'Invalid status table entry in data/codes/502.json (code 502): field "nextSteps.client" Invalid input: expected array, received undefined',
    );
  });

  test('checkLinks: false loads a table whose related links dangle', () => {
    const dir = copyData();
    editJson(dir, 'codes/502.json', (j) => j.related!.push({ code: 471, note: 'A code nobody has written up.' }));
    expect(() => loadTable(dir)).toThrow(DataError);
    expect(loadTable(dir, { checkLinks: false }).has(502)).toBe(true);
  });

  // BUG (src/knowledge/load-table.ts, loadEntry): the file-name check runs before the vendor check, so a typo in
  // the vendor of a correctly named file ("vendor": "nginz" in 499-nginx.json) is reported as `does not match the
  // file name; this entry belongs in data/codes/499-nginz.json`: the message tells the editor to rename the file to
  // a vendor that does not exist, instead of saying that "nginz" is not in data/vendors.json.
  test('a typo in the vendor of a correctly named file says the vendor is unknown', () => {
    const dir = copyData();
    editJson(dir, 'codes/499-nginx.json', (j) => (j.vendor = 'nginz'));
    const err = loadError(dir);
    expect(err.file).toBe('data/codes/499-nginx.json');
    expect(err.field).toBe('vendor');
    expect(err.message).toContain('not in data/vendors.json');
  });
});

describe('a step tagged with a stack fits a phone card: at most MAX_TAGGED_STEP_CHARS characters', () => {
  type Step = string | { text: string; stacks: string[] };
  const stepsOf = (j: Json, side: string) => (j.nextSteps?.[side] ?? []) as Step[];
  /** A sentence of exactly `length` characters. */
  const sentenceOf = (length: number) =>
    `${'Raise the limit and reload. '
      .repeat(20)
      .slice(0, length - 1)
      .trimEnd()}.`.padStart(length, 'A');
  /** The index of the first step of `side` in `file` that is (or is not) tagged with a stack. */
  const indexOf = (file: string, side: string, tagged: boolean) =>
    stepsOf(JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, file), 'utf8')) as Json, side).findIndex(
      (s) => (typeof s === 'object') === tagged,
    );
  const withStepText = (dir: string, file: string, side: string, at: number, text: string) =>
    editJson(dir, file, (j) => {
      const steps = stepsOf(j, side);
      const step = steps[at];
      steps[at] = typeof step === 'object' ? { ...step, text } : text;
    });

  test('every tagged step of the real table is within the limit', () => {
    for (const e of table.entries)
      for (const step of e.sideSteps.filter((s) => s.stacks.length))
        expect([e.id, step.text.length <= MAX_TAGGED_STEP_CHARS]).toEqual([e.id, true]);
  });

  test.each([
    ['codes/413.json', 413, 'server'],
    ['codes/522-cloudflare.json', 522, 'server'],
    ['codes/401.json', 401, 'client'],
  ])('%s: a tagged %s step one character over is refused, naming file, code, index and field', (file, code, side) => {
    const at = indexOf(file, side, true);
    expect(at).toBeGreaterThanOrEqual(0);
    const dir = copyData();
    withStepText(dir, file, side, at, sentenceOf(MAX_TAGGED_STEP_CHARS + 1));
    const err = loadError(dir);
    expect([err.file, err.code, err.field]).toEqual([`data/${file}`, code, `nextSteps.${side}[${at}].text`]);
    expect(err.problem).toMatch(
      new RegExp(`is ${MAX_TAGGED_STEP_CHARS + 1} characters.*at most ${MAX_TAGGED_STEP_CHARS}`),
    );
  });

  test('counter-examples: a tagged step of exactly the limit loads, and so does a longer step tagged with no stack', () => {
    const dir = copyData();
    withStepText(
      dir,
      'codes/413.json',
      'server',
      indexOf('codes/413.json', 'server', true),
      sentenceOf(MAX_TAGGED_STEP_CHARS),
    );
    const plain = indexOf('codes/502.json', 'server', false);
    withStepText(dir, 'codes/502.json', 'server', plain, sentenceOf(MAX_TAGGED_STEP_CHARS + 100));
    const loaded = loadTable(dir);
    expect(loaded.entry('413')?.sideSteps.some((s) => s.text.length === MAX_TAGGED_STEP_CHARS)).toBe(true);
    expect(loaded.entry('502')?.nextSteps.server[plain]).toHaveLength(MAX_TAGGED_STEP_CHARS + 100);
  });
});

describe('broken vendors.json, classes.json and lexicon.json', () => {
  const cases: BrokenCase[] = [
    {
      what: 'vendors.json is not valid JSON',
      breakIt: (d) => writeFileSync(join(d, 'vendors.json'), '[{"id": "cloudflare",'),
      file: 'data/vendors.json',
      code: null,
      field: '(file)',
      problem: /is not valid JSON/,
    },
    {
      what: 'vendors.json is not an array',
      breakIt: (d) => writeFileSync(join(d, 'vendors.json'), '{"cloudflare": {}}'),
      file: 'data/vendors.json',
      code: null,
      field: '(file)',
      problem: /must be a JSON array of vendors/,
    },
    {
      what: 'a vendor keyword in capitals',
      breakIt: (d) =>
        editJson(d, 'vendors.json', (j) => ((j as unknown as Array<{ keywords: string[] }>)[1]!.keywords = ['NGINX'])),
      file: 'data/vendors.json',
      code: null,
      field: '[1].keywords[0]',
      problem: /must be lower-case words/,
    },
    {
      what: 'a vendor without keywords',
      breakIt: (d) =>
        editJson(d, 'vendors.json', (j) => delete (j as unknown as Array<{ keywords?: string[] }>)[0]!.keywords),
      file: 'data/vendors.json',
      code: null,
      field: '[0].keywords',
      problem: /expected array/,
    },
    {
      // Esri tags no step, so its own entries are the first to miss it.
      what: 'a vendor removed while entries still use it',
      breakIt: (d) =>
        editJson(d, 'vendors.json', (j) =>
          (j as unknown as Array<{ id: string }>).splice(
            (j as unknown as Array<{ id: string }>).findIndex((v) => v.id === 'esri'),
            1,
          ),
        ),
      file: 'data/codes/498-esri.json',
      code: 498,
      field: 'vendor',
      problem: /names "esri", which is not in data\/vendors\.json/,
    },
    {
      // Heroku is a stack (data/stacks.json), and 502's step for its router is the first to be tagged with it.
      what: 'a stack removed while a step is still tagged with it',
      breakIt: (d) =>
        editJson(d, 'stacks.json', (j) =>
          (j as unknown as Array<{ id: string }>).splice(
            (j as unknown as Array<{ id: string }>).findIndex((s) => s.id === 'heroku'),
            1,
          ),
        ),
      file: 'data/codes/502.json',
      code: 502,
      field: 'nextSteps.server[11].stacks[0]',
      problem: /is not a vendor in data\/vendors\.json nor a stack in data\/stacks\.json/,
    },
    {
      what: 'vendors.json is missing',
      breakIt: (d) => rmSync(join(d, 'vendors.json')),
      file: 'data/vendors.json',
      code: null,
      field: '(file)',
      problem: /could not be read: ENOENT/,
    },
    {
      what: 'classes.json lacks a class',
      breakIt: (d) => editJson(d, 'classes.json', (j) => (j as unknown as unknown[]).splice(0, 1)),
      file: 'data/classes.json',
      code: null,
      field: 'class',
      problem: /has no entry for 1xx/,
    },
    {
      what: 'a directory where an entry file should be',
      breakIt: (d) => mkdirSync(join(d, 'codes/600.json')),
      file: 'data/codes/600.json',
      code: null,
      field: '(file)',
      problem: /could not be read/,
    },
  ];
  test.each(cases.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const dir = copyData();
    c.breakIt(dir);
    const err = loadError(dir);
    expect(err.file).toBe(c.file);
    expect(err.field).toBe(c.field);
    expect(err.message).toContain(c.file);
    expect(err.message).toContain(`field "${c.field}"`);
    expect(err.message).toMatch(c.problem);
    if (c.code !== null) expect(err.message).toContain(`(code ${c.code})`);
  });

  const lexiconCases: Array<[string, (dir: string) => void, string, RegExp]> = [
    [
      'invalid JSON',
      (d) => writeFileSync(join(d, 'lexicon.json'), '{"stopWords": ["a",'),
      '(file)',
      /is not valid JSON/,
    ],
    [
      'a missing list',
      (d) => editJson(d, 'lexicon.json', (j) => delete j.webWords),
      'webWords',
      /expected array, received undefined/,
    ],
    [
      'a synonym group of one word',
      (d) => editJson(d, 'lexicon.json', (j) => ((j.synonymGroups as string[][])[0] = ['ratelimit'])),
      'synonymGroups[0]',
      /needs a canonical word and at least one synonym/,
    ],
    [
      'an empty stop word',
      (d) => editJson(d, 'lexicon.json', (j) => (j.stopWords as string[]).push('')),
      'stopWords[',
      /Too small|at least 1/i,
    ],
    [
      'a class that is no class',
      (d) => editJson(d, 'lexicon.json', (j) => ((j.classWords as Record<string, string[]>)['6xx'] = ['weird'])),
      'classWords',
      /6xx/,
    ],
    [
      'an unknown key',
      (d) => editJson(d, 'lexicon.json', (j) => (j.extraWords = [])),
      '(file)',
      /Unrecognized key: "extraWords"/,
    ],
    ['the file is missing', (d) => rmSync(join(d, 'lexicon.json')), '(file)', /ENOENT/],
  ];
  const conversationCases: Array<[string, (dir: string) => void, string, RegExp]> = [
    [
      'an act left out',
      (d) => editJson(d, 'conversation.json', (j) => (j.acts = (j.acts as Json[]).filter((a) => a.act !== 'bye'))),
      'acts',
      /needs one entry for each act/,
    ],
    [
      'an act nobody knows',
      (d) =>
        editJson(d, 'conversation.json', (j) => ((j.acts as Json[])[0] = { ...(j.acts as Json[])[0], act: 'wave' })),
      'acts[0].act',
      /hello/,
    ],
    [
      'a phrase in capitals',
      (d) =>
        editJson(d, 'conversation.json', (j) => ((j.focus as Record<string, string[]>).fix as string[]).push('Fix It')),
      'focus.fix[',
      /lower case/,
    ],
    [
      'a focus nobody knows',
      (d) => editJson(d, 'conversation.json', (j) => ((j.focus as Record<string, string[]>).vibes = ['vibe'])),
      'focus',
      /Unrecognized key: "vibes"/,
    ],
    [
      'a reply that is no sentence',
      (d) => editJson(d, 'conversation.json', (j) => ((j.clarify as Json).referent = '')),
      'clarify.referent',
      /at least 3/,
    ],
    [
      'a notHttp without its placeholders',
      (d) => editJson(d, 'conversation.json', (j) => (j.notHttp = 'not HTTP')),
      'notHttp',
      /\{text\}/,
    ],
  ];
  const kindCases: Array<[string, (dir: string) => void, string, RegExp]> = [
    [
      'a repeated id',
      (d) => editJson(d, 'number-kinds.json', (j) => (j as unknown as Json[]).push({ ...(j as unknown as Json[])[0] })),
      '[',
      /repeats "smtp"/,
    ],
    [
      'a kind without references',
      (d) =>
        editJson(
          d,
          'number-kinds.json',
          (j) => ((j as unknown as Json[])[1] = { ...(j as unknown as Json[])[1], references: [] }),
        ),
      '[1].references',
      /at least one reference/,
    ],
    [
      'a kind without words',
      (d) =>
        editJson(
          d,
          'number-kinds.json',
          (j) => ((j as unknown as Json[])[2] = { ...(j as unknown as Json[])[2], words: [] }),
        ),
      '[2].words',
      /Too small|at least 1/i,
    ],
  ];
  const secretCases: Array<[string, (dir: string) => void, string, RegExp]> = [
    [
      'a kind without a name',
      (d) => editJson(d, 'secrets.json', (j) => delete (j.kinds as Json)['bearer-token']),
      'kinds.bearer-token',
      /expected string, received undefined/,
    ],
    [
      'a kind nobody finds',
      (d) => editJson(d, 'secrets.json', (j) => ((j.kinds as Json).password2 = 'a second password')),
      'kinds',
      /Unrecognized key: "password2"/,
    ],
    [
      'a warning without its placeholder',
      (d) => editJson(d, 'secrets.json', (j) => ((j.warning as Json).one = 'Your message contains a secret.')),
      'warning.one',
      /\{kinds\}/,
    ],
    ['the file is missing', (d) => rmSync(join(d, 'secrets.json')), '(file)', /ENOENT/],
  ];
  const dataFileCases = [
    ...lexiconCases.map((c) => ['lexicon.json', ...c] as const),
    ...conversationCases.map((c) => ['conversation.json', ...c] as const),
    ...kindCases.map((c) => ['number-kinds.json', ...c] as const),
    ...secretCases.map((c) => ['secrets.json', ...c] as const),
  ];
  test.each(dataFileCases)('%s: %s (via StatusEngine.load)', (file, _what, breakIt, field, problem) => {
    const dir = copyData();
    breakIt(dir);
    const err = loadError(dir, (d) => StatusEngine.load(d));
    expect(err.file).toBe(`data/${file}`);
    expect(err.field.startsWith(field)).toBe(true);
    expect(err.message).toContain(`data/${file}`);
    expect(err.message).toMatch(problem);
  });
});

describe('broken data/provider-errors/: the file, the error index and the field are named', () => {
  type ProviderFile = { provider: Record<string, unknown>; errors: Array<Record<string, unknown>> };
  const S3 = 'provider-errors/aws.json';
  const broken = (edit: (json: ProviderFile) => void): DataError => {
    const dir = copyData();
    editJson(dir, S3, (json) => edit(json as unknown as ProviderFile));
    return loadError(dir);
  };
  const first = (json: ProviderFile) => json.errors[0] as Record<string, unknown>;

  test.each<[string, (json: ProviderFile) => void, RegExp]>([
    [
      'one ordinary word as a name',
      (j) => void (first(j).names = ['Forbidden']),
      /errors\[0\]\.names\[0\].*ordinary word/,
    ],
    [
      'a bare number as a name',
      (j) => void (first(j).names = ['10203']),
      /errors\[0\]\.names\[0\].*ordinary word or a number/,
    ],
    [
      'a name too short to stand alone',
      (j) => void (first(j).names = ['H1x2']),
      /errors\[0\]\.names\[0\].*shorter than 5/,
    ],
    [
      'a reason phrase as a provider-bound word',
      (j) => void (first(j).withProvider = ['too many requests']),
      /errors\[0\]\.withProvider\[0\].*name of status 429/,
    ],
    [
      'a phrase in capitals',
      (j) => void (first(j).phrases = ['Please Slow Down Now']),
      /errors\[0\]\.phrases\[0\].*lower case/,
    ],
    ['a status with no entry', (j) => void (first(j).status = 599), /errors\[0\]\.status.*599, which has no entry/],
    [
      'a vendor meaning with no entry',
      (j) => void (first(j).statusVendor = 'cloudflare'),
      /errors\[0\]\.statusVendor.*\d+-cloudflare, which has no entry/,
    ],
    ['no reference', (j) => void (first(j).references = []), /errors\[0\]\.references/],
    [
      'nothing that identifies it',
      (j) => void Object.assign(first(j), { names: [], phrases: [], withProvider: [] }),
      /errors\[0\]\.names.*at least one name or phrase/,
    ],
    [
      'the same name twice in one provider',
      (j) => void ((j.errors[1] as Record<string, unknown>).names = first(j).names),
      /errors\[1\]\.names\[0\].*already identifies/,
    ],
    [
      'a provider id that is not the file name',
      (j) => void (j.provider.id = 'amazon'),
      /provider\.id.*provider-errors\/amazon\.json/,
    ],
  ])('%s', (_what, edit, message) => {
    const error = broken(edit);
    expect(error.message).toContain('data/provider-errors/aws.json');
    expect(error.message).toMatch(message);
  });

  test('a phrase may name one error in the whole table', () => {
    const dir = copyData();
    const taken = (JSON.parse(readFileSync(join(dir, 'provider-errors/cloudflare.json'), 'utf8')) as ProviderFile)
      .errors[0]?.phrases as string[];
    editJson(
      dir,
      S3,
      (json) => void (((json as unknown as ProviderFile).errors[0] as Record<string, unknown>).phrases = [taken[0]]),
    );
    // aws.json loads first, so Cloudflare's own phrase is the one refused.
    expect(loadError(dir).message).toMatch(
      /cloudflare\.json: field "errors\[0\]\.phrases\[0\]" ".+" already identifies s3-/,
    );
  });
});
