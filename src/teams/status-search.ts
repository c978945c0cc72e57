/**
 * What the Teams compose-box search lists for a query, best first, as entry ids: "502", "bad gateway",
 * "too many requests", "5xx", a pasted log line or `HTTP/1.1 503 Service Unavailable`.
 *
 * Two readers, merged: the engine's understanding of the text (the same reading a chat message gets, so a phrase such
 * as "too many requests" or a log line puts the code it means first), then the search-as-you-type index (prefixes such
 * as "50", partial names such as "bad gat", vendor names). An empty query lists the codes people meet most.
 *
 *   const ids = searchStatuses(engine, 'too many requests'); // ['429', …]
 */
import type { StatusEntry } from '../knowledge/entry-schema';
import type { StatusEngine } from '../knowledge/engine';
import type { StatusTable } from '../knowledge/status-table';

/** More than anyone scrolls through in a compose-box list; also bounds the work per keystroke. */
export const MAX_SEARCH_RESULTS = 50;

/** Fuse.js distances above this are guesses rather than matches ("too many requests" would also list 204). */
const MAX_SEARCH_DISTANCE = 0.3;

/** Every entry id the query finds, best first, without duplicates; at most MAX_SEARCH_RESULTS. */
export function searchStatuses(engine: StatusEngine, query: string): string[] {
  const text = query.trim();
  if (!text) return commonStatuses(engine.table);

  const understanding = engine.understand(text);
  const ids: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !ids.includes(id) && engine.table.entry(id)) ids.push(id);
  };

  if (understanding.intent === 'lookup' || understanding.intent === 'compare' || understanding.intent === 'triage') {
    understanding.ids.forEach(add);
    understanding.alternatives.forEach((candidate) => add(candidate.id));
  }
  if (understanding.intent === 'class' && understanding.class) {
    // "5xx": the class's codes, the ones people meet most first.
    const inClass = engine.table.entries.filter((e) => e.class === understanding.class);
    inClass.sort(byPrevalenceThenCode).forEach((e) => add(e.id));
  }
  for (const hit of engine.search.search(text, MAX_SEARCH_RESULTS)) {
    if (hit.distance <= MAX_SEARCH_DISTANCE) add(hit.id);
  }
  return ids.slice(0, MAX_SEARCH_RESULTS);
}

/** The codes the table marks as common, registry codes before vendor codes, in numeric order: the initial list. */
export function commonStatuses(table: StatusTable): string[] {
  return table.entries
    .filter((e) => e.prevalence === 'common')
    .sort((a, b) => Number(a.status === 'vendor') - Number(b.status === 'vendor') || a.code - b.code)
    .map((e) => e.id);
}

const PREVALENCE_RANK = { common: 0, occasional: 1, rare: 2 } as const;

function byPrevalenceThenCode(a: StatusEntry, b: StatusEntry): number {
  return (
    PREVALENCE_RANK[a.prevalence] - PREVALENCE_RANK[b.prevalence] ||
    Number(a.status === 'vendor') - Number(b.status === 'vendor') ||
    a.code - b.code
  );
}
