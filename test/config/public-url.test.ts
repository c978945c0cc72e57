/**
 * PUBLIC_URL: the address people reach the bot at, the base of absolute links to the code pages. Optional; when
 * set it must be an absolute http(s) address that links can be appended to.
 */
import { ConfigError, readConfig } from '../../src/config';

describe('PUBLIC_URL', () => {
  it('is empty when unset or blank', () => {
    expect(readConfig({}).publicUrl).toBe('');
    expect(readConfig({ PUBLIC_URL: '  ' }).publicUrl).toBe('');
  });

  it.each([
    ['https://bot.example.com', 'https://bot.example.com'],
    ['https://bot.example.com/', 'https://bot.example.com'],
    ['https://example.com/statusbot/', 'https://example.com/statusbot'],
    ['http://localhost:3978', 'http://localhost:3978'],
    ['HTTPS://Bot.Example.com:443/', 'https://bot.example.com'],
  ])('%s → %s', (raw, url) => {
    expect(readConfig({ PUBLIC_URL: raw }).publicUrl).toBe(url);
  });

  it.each([
    'bot.example.com',
    '/statusbot',
    'ftp://bot.example.com',
    'javascript:alert(1)',
    'https://bot.example.com/?x=1',
    'https://bot.example.com/#top',
    'https://user:pw@bot.example.com',
    'https://',
  ])('refuses %s, naming the variable', (raw) => {
    expect(() => readConfig({ PUBLIC_URL: raw })).toThrow(ConfigError);
    expect(() => readConfig({ PUBLIC_URL: raw })).toThrow(
      /PUBLIC_URL=.* is not allowed; PUBLIC_URL must be the absolute http\(s\) address/,
    );
  });
});
