/**
 * Search-as-you-type over the table: "502", "bad gat", "too many req", "cloudflare timeout". Used where a person
 * types a query rather than a message (the REST search endpoint, the Teams compose-box search) and by the engine
 * as a last resort for short messages nothing else understood.
 *
 * Fuse.js scores fuzzy matches of a short pattern against names, aliases and symptoms. It is only ever given
 * short patterns (at most MAX_PATTERN characters): on whole messages it costs tens of milliseconds.
 */
import Fuse from 'fuse.js';
import type { StatusEntry } from './entry-schema';
import type { StatusTable } from './status-table';

export const MAX_PATTERN = 40;

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
  }

  /** Ranked entries for a typed query, best first. Codes typed as digits match by prefix ("50" → 500–509). */
  search(query: string, limit = 10): SearchHit[] {
    const q = query.trim().toLowerCase().slice(0, MAX_PATTERN);
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
    return this.fuse.search(q, { limit }).map((r) => ({ id: r.item.id, code: Number(r.item.code), distance: r.score ?? 1 }));
  }
}

function rank(e: StatusEntry): number {
  return (e.status === 'vendor' ? 10 : 0) + { common: 0, occasional: 1, rare: 2 }[e.prevalence];
}
