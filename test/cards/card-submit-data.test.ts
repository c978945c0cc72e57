/**
 * readCardSubmit reads a click however the channel delivered it, and refuses anything that is not ours: the value
 * comes from the client and may be forged.
 */
import { readCardSubmit } from '../../src/cards/card-submit-data';

const lookup = { action: 'lookup', code: 504, id: '504' } as const;

describe('readCardSubmit', () => {
  test('Web Chat: the whole data object, messageBack included', () => {
    expect(
      readCardSubmit({
        ...lookup,
        msteams: { type: 'messageBack', text: 'what is 504', displayText: 'what is 504', value: lookup },
      }),
    ).toEqual(lookup);
  });

  test('Teams: the messageBack value', () => {
    expect(readCardSubmit(lookup)).toEqual(lookup);
  });

  test('Teams: a data object whose payload is only inside msteams.value', () => {
    expect(readCardSubmit({ msteams: { type: 'messageBack', value: lookup } })).toEqual(lookup);
  });

  test.each([
    [{ action: 'feedback', reaction: 'like', id: '502' }],
    [{ action: 'feedback', reaction: 'dislike', id: '401-vs-403' }],
    [{ action: 'ask', text: 'what is 502' }],
    [{ action: 'none-of-these' }],
    [{ action: 'lookup', code: 499, id: '499-esri' }],
  ])('reads %j', (value) => {
    expect(readCardSubmit(value)).toEqual(value);
  });

  test('keeps only the known fields', () => {
    expect(readCardSubmit({ ...lookup, extra: '<script>' })).toEqual(lookup);
  });

  test.each([
    [undefined],
    [null],
    ['what is 504'],
    [[lookup]],
    [{}],
    [{ action: 'delete-everything' }],
    [{ action: 'lookup', code: '504', id: '504' }],
    [{ action: 'lookup', code: 504.5, id: '504' }],
    [{ action: 'lookup', code: 504, id: '../../etc/passwd' }],
    [{ action: 'feedback', reaction: 'love', id: '502' }],
    [{ action: 'feedback', reaction: 'like', id: 'x'.repeat(101) }],
    [{ action: 'ask', text: '' }],
    [{ action: 'ask', text: 'x'.repeat(201) }],
    [{ msteams: { type: 'messageBack', value: 'what is 504' } }],
  ])('refuses %j', (value) => {
    expect(readCardSubmit(value)).toBeUndefined();
  });
});
