/**
 * Search-as-you-type over the table: "502", "bad gat", "too many req", "cloudflare timeout". Used where a person
 * types a query rather than a message (the REST search endpoint, the Teams compose-box search) and by the engine
 * as a last resort for short messages nothing else understood.
 *
 * Fuse.js scores fuzzy matches of a short pattern against names, aliases and symptoms.
 */
import Fuse from 'fuse.js';
import type { StatusEntry } from './entry-schema';
import type { StatusTable } from './status-table';

/**
 * Fuse.js's bitap matcher works on patterns of at most 32 characters;
 * on whole messages it is slow (docs/performance.md).
 */
export const MAX_PATTERN = 32;

interface SearchDoc {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  symptoms: string[];
  vendor: string;
}

export interface SearchHit {
  id: string;
  code: number;
  /** 0 (perfect) to 1 (no match), as Fuse.js scores. */
  distance: number;
}

export class CodeSearch {
  private readonly fuse: Fuse<SearchDoc>;
  /** Names and aliases, and which of them contain each trigram: a fallback search only scores likely ones. */
  private readonly nameItems: NameItem[];
  private readonly nameTrigrams = new Map<string, number[]>();
  private readonly cache = new Map<string, SearchHit[]>();
  private static readonly CACHE_LIMIT = 2_000;

  constructor(private readonly table: StatusTable) {
    const docs = table.entries.map((e) => ({
      id: e.id,
      code: String(e.code),
      name: e.name,
      aliases: e.aliases,
      symptoms: e.symptoms,
      vendor: e.vendor ? (table.vendor(e.vendor)?.name ?? e.vendor) : '',
    }));
    this.fuse = new Fuse(docs, {
      keys: [
        { name: 'code', weight: 3 },
        { name: 'name', weight: 3 },
        { name: 'aliases', weight: 2 },
        { name: 'vendor', weight: 1 },
        { name: 'symptoms', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
      minMatchCharLength: 2,
    });
    this.nameItems = table.entries.flatMap((e) =>
      [e.name, ...e.aliases].map((text) => ({ id: e.id, code: e.code, text })),
    );
    this.nameItems.forEach((item, i) => {
      for (const gram of trigrams(item.text)) {
        const list = this.nameTrigrams.get(gram);
        if (list) list.push(i);
        else this.nameTrigrams.set(gram, [i]);
      }
    });
  }

  /** Best fuzzy matches of a short text against names and aliases only ("bad gatewy tmeout"). */
  searchNames(query: string, limit = 3): SearchHit[] {
    const q = query.trim().toLowerCase().slice(0, MAX_PATTERN).trim();
    if (!q) return [];
    const key = `names|${limit}|${q}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Fuse.js scores every item it is given: give it only the names that share the most trigrams with the query.
    const shared = new Map<number, number>();
    for (const gram of trigrams(q))
      for (const i of this.nameTrigrams.get(gram) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const likely = [...shared.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, NAME_CANDIDATES)
      .map(([i]) => this.nameItems[i] as NameItem);
    const seen = new Set<string>();
    const hits = new Fuse(likely, { keys: ['text'], includeScore: true, threshold: 0.35, minMatchCharLength: 2 })
      .search(q, { limit: limit * 3 })
      .filter((r) => (seen.has(r.item.id) ? false : (seen.add(r.item.id), true)))
      .slice(0, limit)
      .map((r) => ({ id: r.item.id, code: r.item.code, distance: r.score ?? 1 }));
    if (this.cache.size >= CodeSearch.CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, hits);
    return hits;
  }

  /** Ranked entries for a typed query, best first. Codes typed as digits match by prefix ("50" → 500–509). */
  search(query: string, limit = 10): SearchHit[] {
    const q = query.trim().toLowerCase().slice(0, MAX_PATTERN).trim();
    if (!q) return [];
    const key = `${limit}|${q}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const hits = /^\d{1,3}$/.test(q) ? this.byDigits(q, limit) : this.byWords(q, limit);
    if (this.cache.size >= CodeSearch.CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, hits);
    return hits;
  }

  private byDigits(q: string, limit: number): SearchHit[] {
    return this.table.entries
      .filter((e) => String(e.code).startsWith(q))
      .sort((a, b) => a.code - b.code || rank(a) - rank(b))
      .slice(0, limit)
      .map((e) => ({ id: e.id, code: e.code, distance: String(e.code) === q ? 0 : 0.2 }));
  }

  private byWords(q: string, limit: number): SearchHit[] {
    return this.fuse
      .search(q, { limit })
      .map((r) => ({ id: r.item.id, code: Number(r.item.code), distance: r.score ?? 1 }));
  }
}

interface NameItem {
  id: string;
  code: number;
  text: string;
}

/** How many names a fallback search scores at most. */
const NAME_CANDIDATES = 24;

function trigrams(text: string): Set<string> {
  const s = ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function rank(e: StatusEntry): number {
  return (e.status === 'vendor' ? 10 : 0) + { common: 0, occasional: 1, rare: 2 }[e.prevalence];
}
