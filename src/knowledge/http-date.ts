/**
 * Times as HTTP and rate-limit headers write them, read without a clock: an HTTP-date (RFC 9110 §5.6.7, in its three
 * forms), an RFC 3339 timestamp, and the durations OpenAI-style headers print ("6m0s", "12ms").
 *
 *   parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')   // 784111777000 (ms since the epoch)
 *   parseDuration('1m30s')                            // 90 (seconds)
 *
 * Each parser reads a value from its start and says how many characters it took, so a value quoted in prose
 * ("Retry-After: Wed, 21 Oct 2015 07:28:00 GMT and then …") is read without what follows it. Impossible dates
 * (31 February, 25:00) are no dates.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*`;
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})`;
/** GMT as the RFC writes it; UTC and +0000, which servers send too. */
const ZONE = String.raw`(?:gmt|utc|\+0000|z)`;

/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(
  String.raw`^${DAY},[ \t]+(\d{1,2})[ \t]+${MONTH}[ \t]+(\d{4})[ \t]+${TIME}[ \t]+${ZONE}(?![\w])`,
  'i',
);
/** Sunday, 06-Nov-94 08:49:37 GMT (obsolete) */
const RFC850_DATE = new RegExp(
  String.raw`^${DAY},[ \t]+(\d{2})-${MONTH}-(\d{2,4})[ \t]+${TIME}[ \t]+${ZONE}(?![\w])`,
  'i',
);
/** Sun Nov  6 08:49:37 1994 (obsolete) */
const ASCTIME_DATE = new RegExp(
  String.raw`^${DAY}[ \t]+${MONTH}[ \t]+(\d{1,2})[ \t]+${TIME}[ \t]+(\d{4})(?![\w])`,
  'i',
);
/** 2024-05-01T10:42:00Z, 2024-05-01T12:42:00.5+02:00 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))(?![\w:])/;

/** A parsed time: milliseconds since the epoch, and how much of the input it took. */
export interface Parsed {
  value: number;
  length: number;
}

/** An HTTP-date at the start of `text`, in any of its three forms. */
export function parseHttpDate(text: string): Parsed | undefined {
  const imf = IMF_FIXDATE.exec(text) ?? RFC850_DATE.exec(text);
  if (imf) {
    const [whole, day = '', month = '', year = '', h = '', mi = '', s = ''] = imf;
    return at(whole, fullYear(year), month, +day, +h, +mi, +s);
  }
  const asctime = ASCTIME_DATE.exec(text);
  if (asctime) {
    const [whole, month = '', day = '', h = '', mi = '', s = '', year = ''] = asctime;
    return at(whole, +year, month, +day, +h, +mi, +s);
  }
  return undefined;
}

/** An RFC 3339 timestamp at the start of `text` (what Anthropic's reset headers send). */
export function parseRfc3339(text: string): Parsed | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', fraction, sign, oh = '0', om = '0'] = m;
  const local = utc(+y, +mo - 1, +d, +h, +mi, +s);
  if (local === undefined || +oh > 23 || +om > 59) return undefined;
  const offset = sign ? (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000 : 0;
  return { value: local + Math.round(Number(fraction ?? 0) * 1000) - offset, length: m[0].length };
}

/**
 * A duration as Go prints it and OpenAI's `x-ratelimit-reset-*` headers send it ("1s", "6m0s", "1h2m3.5s", "12ms"),
 * in seconds; a bare number is none (its unit is the header's to say).
 */
export function parseDuration(text: string): { seconds: number; length: number } | undefined {
  const m = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?(?![\w.])/.exec(
    text,
  );
  if (!m || !m[0]) return undefined;
  const [h, mi, s, ms] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  return { seconds: h * 3600 + mi * 60 + s + ms / 1000, length: m[0].length };
}

/** The latest time a Date can hold that people write with four digits: the end of 9999. */
export const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

function at(
  text: string,
  year: number,
  month: string,
  day: number,
  h: number,
  mi: number,
  s: number,
): Parsed | undefined {
  const value = utc(year, MONTHS.indexOf(month.toLowerCase()), day, h, mi, s);
  return value === undefined ? undefined : { value, length: text.length };
}

/** Milliseconds since the epoch for a calendar time that exists (60 seconds allowed for a leap second). */
function utc(year: number, month: number, day: number, h: number, mi: number, s: number): number | undefined {
  if (year < 1000 || month < 0 || month > 11 || day < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  const value = Date.UTC(year, month, day, h, mi, Math.min(s, 59));
  return new Date(value).getUTCDate() === day ? value : undefined;
}

/**
 * A two-digit year of the obsolete RFC 850 form. RFC 9110 reads it against the current year; with no clock here,
 * 70–99 are the 1900s and 00–69 the 2000s, which agrees with that rule until 2069.
 */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  return y >= 70 ? 1900 + y : 2000 + y;
}
