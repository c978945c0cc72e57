/**
 * Reads a `composeExtension/query` invoke: the text typed into StatusBot's search command and the page asked for.
 *
 * The command and its parameter are declared in appPackage/manifest.json (the names below must match it; the
 * manifest test checks). When the user opens the command, Teams sends `initialRun: "true"` instead of text, because
 * the manifest sets `initialRun: true`; that reads as an empty query.
 *
 *   const { text, skip, count } = readSearchQuery(context.activity.value);
 */
import type { MessagingExtensionQuery } from 'botbuilder';

/** appPackage/manifest.json: composeExtensions[0].commands[0].id and its one parameter's name. */
export const SEARCH_COMMAND_ID = 'lookupStatus';
export const SEARCH_PARAMETER = 'query';
const INITIAL_RUN_PARAMETER = 'initialRun';

/** Teams asks for 25 results a page; more is never useful in a compose-box list. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 50;
/** A pasted log is read from its start; the engine caps long messages anyway. */
const MAX_QUERY_LENGTH = 2_000;

export interface SearchQuery {
  /** What the user typed (empty on the initial run). */
  text: string;
  skip: number;
  count: number;
}

export function readSearchQuery(query: MessagingExtensionQuery | undefined): SearchQuery {
  const parameters = Array.isArray(query?.parameters) ? query.parameters : [];
  const named = parameters.find((p) => p?.name === SEARCH_PARAMETER);
  // A client that names the parameter differently still searches: take the first value that is not initialRun.
  const typed = named ?? parameters.find((p) => p?.name !== INITIAL_RUN_PARAMETER);
  const text = typeof typed?.value === 'string' ? typed.value.slice(0, MAX_QUERY_LENGTH).trim() : '';
  return {
    text,
    skip: whole(query?.queryOptions?.skip, 0, 0, Number.MAX_SAFE_INTEGER),
    count: whole(query?.queryOptions?.count, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
}

function whole(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
