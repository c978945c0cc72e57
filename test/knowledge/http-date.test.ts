/**
 * http-date.ts: the three HTTP-date forms of RFC 9110 §5.6.7, RFC 3339 timestamps and Go-style durations, read from
 * the start of a value; impossible calendar times are none.
 */
import { LAST_TIME, parseDuration, parseHttpDate, parseRfc3339 } from '../../src/knowledge/http-date';

const iso = (parsed: { value: number } | undefined) => (parsed ? new Date(parsed.value).toISOString() : undefined);

describe('parseHttpDate', () => {
  test.each<[string, string, string]>([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['IMF-fixdate in lower case', 'sun, 06 nov 1994 08:49:37 gmt', '1994-11-06T08:49:37.000Z'],
    ['IMF-fixdate with a one-digit day', 'Wed, 1 May 2025 10:42:00 GMT', '2025-05-01T10:42:00.000Z'],
    ['IMF-fixdate with UTC for GMT', 'Thu, 01 May 2025 10:42:00 UTC', '2025-05-01T10:42:00.000Z'],
    ['IMF-fixdate with +0000', 'Thu, 01 May 2025 10:42:00 +0000', '2025-05-01T10:42:00.000Z'],
    ['obsolete RFC 850, 1900s', 'Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['obsolete RFC 850, 2000s', 'Thursday, 01-May-25 10:42:00 GMT', '2025-05-01T10:42:00.000Z'],
    ['obsolete asctime', 'Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['a leap day', 'Thu, 29 Feb 2024 00:00:00 GMT', '2024-02-29T00:00:00.000Z'],
    ['a leap second reads as the second before', 'Sat, 31 Dec 2016 23:59:60 GMT', '2016-12-31T23:59:59.000Z'],
  ])('%s', (_, text, expected) => expect(iso(parseHttpDate(text))).toBe(expected));

  test.each<[string, string]>([
    ['31 February', 'Mon, 31 Feb 2025 10:00:00 GMT'],
    ['29 February of a common year', 'Sat, 29 Feb 2025 10:00:00 GMT'],
    ['hour 25', 'Sun, 06 Nov 1994 25:00:00 GMT'],
    ['minute 60', 'Sun, 06 Nov 1994 08:60:00 GMT'],
    ['day 0', 'Sun, 00 Nov 1994 08:49:37 GMT'],
    ['an unknown month', 'Sun, 06 Nox 1994 08:49:37 GMT'],
    ['no zone', 'Sun, 06 Nov 1994 08:49:37'],
    ['another zone', 'Sun, 06 Nov 1994 08:49:37 PST'],
    ['a year before 1000', 'Sun, 06 Nov 0994 08:49:37 GMT'],
    ['RFC 3339 is no HTTP-date', '2025-05-01T10:42:00Z'],
    ['words', 'tomorrow'],
    ['a date in prose', 'after lunch on Sun, 06 Nov 1994 08:49:37 GMT'],
    ['empty', ''],
  ])('not a date: %s', (_, text) => expect(parseHttpDate(text)).toBeUndefined());

  test('reads only the date at the start of a value and says how long it is', () => {
    const text = 'Wed, 21 Oct 2015 07:28:00 GMT and then it worked';
    expect(parseHttpDate(text)?.length).toBe('Wed, 21 Oct 2015 07:28:00 GMT'.length);
  });

  test('a word glued to the zone is no date', () =>
    expect(parseHttpDate('Wed, 21 Oct 2015 07:28:00 GMTx')).toBeUndefined());
});

describe('parseRfc3339', () => {
  test.each<[string, string]>([
    ['2025-05-01T10:42:00Z', '2025-05-01T10:42:00.000Z'],
    ['2025-05-01T10:42:00.5Z', '2025-05-01T10:42:00.500Z'],
    ['2025-05-01T12:42:00+02:00', '2025-05-01T10:42:00.000Z'],
    ['2025-05-01T05:42:00-0500', '2025-05-01T10:42:00.000Z'],
    ['2025-05-01 10:42:00Z', '2025-05-01T10:42:00.000Z'],
  ])('%s', (text, expected) => expect(iso(parseRfc3339(text))).toBe(expected));

  test.each([
    '2025-02-30T10:00:00Z',
    '2025-05-01T24:00:00Z',
    '2025-05-01T10:42:00',
    '2025-05-01',
    '2025-05-01T10:42:00+25:00',
    'soon',
  ])('not a timestamp: %s', (text) => expect(parseRfc3339(text)).toBeUndefined());
});

describe('parseDuration', () => {
  test.each<[string, number]>([
    ['1s', 1],
    ['6m0s', 360],
    ['1m30s', 90],
    ['12ms', 0.012],
    ['59.987s', 59.987],
    ['1h2m3s', 3723],
    ['2h', 7200],
    ['0s', 0],
  ])('%s is %d seconds', (text, seconds) => expect(parseDuration(text)?.seconds).toBeCloseTo(seconds, 6));

  test.each(['120', '', 'soon', '1x', '-1s', '1.2.3s', 'ms', '5 minutes'])('not a duration: %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

test('LAST_TIME is the last second of the year 9999', () =>
  expect(new Date(LAST_TIME).toISOString()).toBe('9999-12-31T23:59:59.000Z'));
