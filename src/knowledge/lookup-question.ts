/**
 * The question that opens one code, as a user would type it: what a code button sends, and what the bot offers
 * after 👎. The engine reads it back to exactly that entry ("what is 499 esri" is Esri's 499, not nginx's).
 */

/** A code to open: enough to build the message and the payload. */
export interface LookupTarget {
  code: number;
  /** Entry id ("504", "499-esri"); the vendor part after the number picks the meaning. */
  id: string;
}

/** The message a code button sends: "what is 504", or "what is 499 esri" for a vendor meaning. */
export function lookupQuestion(target: LookupTarget): string {
  const vendor = target.id.startsWith(`${target.code}-`) ? target.id.slice(String(target.code).length + 1) : '';
  return `what is ${target.code}${vendor ? ` ${vendor}` : ''}`;
}
