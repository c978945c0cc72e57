/**
 * toTerms(): words folded into the concepts the symptom index compares, and words that must not be folded.
 */
import { toTerms } from '../../src/knowledge/term-analyzer';
import { engine } from './fixture';

const terms = (text: string) => toTerms(text.split(' '), engine().lexicon);

describe('concepts', () => {
  test.each(['tls', 'ssl', 'certificate', 'cert', 'handshake'])('%j is a certificate problem', (word) => {
    expect(terms(word)).toEqual(['~cert']);
  });

  test.each(['http', 'https', 'http code', 'plain http'])(
    '%j, a scheme every pasted URL has, is no certificate problem',
    (text) => {
      expect(terms(text)).not.toContain('~cert');
    },
  );

  test.each(['rate limited', 'throttled', 'too many requests'])('%j folds into one rate-limit concept', (text) => {
    expect(terms(text)).toEqual(['~ratelimit']);
  });
});
