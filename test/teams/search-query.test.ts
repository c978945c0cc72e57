/** readSearchQuery(): the typed text and the page, from whatever a Teams client sends. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SEARCH_PARAMETER, readSearchQuery } from '../../src/teams/search-query';

test('reads the named parameter and the page', () => {
  expect(
    readSearchQuery({
      parameters: [{ name: SEARCH_PARAMETER, value: ' bad gateway ' }],
      queryOptions: { skip: 10, count: 5 },
    }),
  ).toEqual({ text: 'bad gateway', skip: 10, count: 5 });
});

test('the initial run is an empty query', () => {
  expect(
    readSearchQuery({ parameters: [{ name: 'initialRun', value: 'true' }], queryOptions: { skip: 0, count: 25 } }),
  ).toEqual({ text: '', skip: 0, count: 25 });
});

test('another parameter name still searches', () => {
  expect(readSearchQuery({ parameters: [{ name: 'searchQuery', value: '502' }] }).text).toBe('502');
});

test('missing or odd values fall back to defaults within limits', () => {
  expect(readSearchQuery(undefined)).toEqual({ text: '', skip: 0, count: DEFAULT_PAGE_SIZE });
  expect(readSearchQuery({ queryOptions: { skip: -4, count: 10_000 } })).toEqual({
    text: '',
    skip: 0,
    count: MAX_PAGE_SIZE,
  });
  expect(
    readSearchQuery({
      parameters: [{ name: SEARCH_PARAMETER, value: 42 }],
      queryOptions: { skip: '3' as never, count: 'x' as never },
    }),
  ).toEqual({ text: '', skip: 3, count: DEFAULT_PAGE_SIZE });
  expect(readSearchQuery({ parameters: [{ name: SEARCH_PARAMETER, value: 'x'.repeat(5000) }] }).text).toHaveLength(
    2000,
  );
});
