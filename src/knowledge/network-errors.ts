/**
 * Finds a network failure named in a message: the error text that curl, browsers, Node.js, Python or Java print when
 * no HTTP status came back ("ECONNREFUSED", "curl: (60) SSL certificate problem", "blocked by CORS policy").
 * Signatures are literal text from data/network-errors.json; one that starts or ends with a letter or digit must
 * stand apart from the words around it, so "epipe" is not found in "codepipeline".
 */
import type { NetworkError } from './entry-schema';
import { phraseStems } from './text';

/** The failure whose signature appears first in `lower` (normalised, lower-case text), or undefined. */
export function findNetworkError(lower: string, errors: readonly NetworkError[]): NetworkError | undefined {
  let found: { error: NetworkError; at: number } | undefined;
  for (const error of errors) {
    for (const signature of error.signatures) {
      const at = indexOfStandalone(lower, signature);
      if (at >= 0 && (!found || at < found.at)) found = { error, at };
    }
  }
  return found?.error;
}

/** Words a told failure may have between its own ("the connection to the db was refused"). */
const MAX_WORDS_BETWEEN = 3;

/**
 * The failure a message tells in words rather than pastes ("the connection was refused", "the redirect loops"), from
 * each error's `told` phrases matched on stems in order; the earliest wins.
 */
export function findToldNetworkError(
  stems: readonly string[],
  errors: readonly NetworkError[],
): NetworkError | undefined {
  // Numbers do not count as words between a phrase's words: "the connection to the server 10.96.0.1:6443 was
  // refused" names one address. (Positions compared below are among the words kept.)
  const words = stems.filter((st) => !/^\d+$/.test(st));
  let found: { error: NetworkError; at: number } | undefined;
  for (const error of errors) {
    for (const phrase of toldStems(error)) {
      const at = findInOrder(words, phrase);
      if (at >= 0 && (!found || at < found.at)) found = { error, at };
    }
  }
  return found?.error;
}

const toldCache = new WeakMap<NetworkError, string[][]>();
function toldStems(error: NetworkError): string[][] {
  let cached = toldCache.get(error);
  if (!cached) toldCache.set(error, (cached = error.told.map(phraseStems)));
  return cached;
}

/** Where `phrase` starts in `stems` with at most MAX_WORDS_BETWEEN other words between its words, or -1. */
function findInOrder(stems: readonly string[], phrase: readonly string[]): number {
  for (
    let start = stems.indexOf(phrase[0] as string);
    start >= 0;
    start = stems.indexOf(phrase[0] as string, start + 1)
  ) {
    let at = start;
    const whole = phrase.slice(1).every((word) => {
      const next = stems.slice(at + 1, at + 2 + MAX_WORDS_BETWEEN).indexOf(word);
      if (next < 0) return false;
      at += next + 1;
      return true;
    });
    if (whole) return start;
  }
  return -1;
}

/**
 * nginx's error log, where the failure happened between nginx and its backend ("connect() failed (111: Connection
 * refused) while connecting to upstream", "upstream timed out … while reading response header from upstream"): the
 * client got nginx's status for it, not a network error.
 */
const NGINX_UPSTREAM =
  /\b(?:to|from) upstream\b|\bupstream (?:timed out|prematurely closed)\b|\bhandshaking to upstream\b/;

/** The status the message's reader got, when it is a proxy's log of a failure behind it; otherwise undefined. */
export function proxyStatusFor(lower: string, error: NetworkError): number | undefined {
  return error.proxyStatus !== undefined && NGINX_UPSTREAM.test(lower) ? error.proxyStatus : undefined;
}

const ALNUM = /[a-z0-9]/;

function indexOfStandalone(text: string, signature: string): number {
  for (let at = text.indexOf(signature); at >= 0; at = text.indexOf(signature, at + 1)) {
    const before = text[at - 1];
    const after = text[at + signature.length];
    const openStart = !ALNUM.test(signature[0] as string) || before === undefined || !ALNUM.test(before);
    const openEnd = !ALNUM.test(signature[signature.length - 1] as string) || after === undefined || !ALNUM.test(after);
    if (openStart && openEnd) return at;
  }
  return -1;
}
