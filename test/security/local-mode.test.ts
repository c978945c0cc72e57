/**
 * Without credentials the bot accepts unauthenticated requests, so it binds to loopback unless HOST is set, and
 * says so at start.
 */
import { startBot } from '../support/bot-process';

jest.setTimeout(30_000);

it('without credentials it listens on loopback only and warns that anyone who can reach it can talk to it', async () => {
  const bot = await startBot();
  try {
    expect(new URL(bot.url).hostname).toBe('127.0.0.1');
    await new Promise((r) => setTimeout(r, 200));
    const warning = bot.logs.find((l) => typeof l === 'object' && l.level === 40);
    expect(warning && typeof warning === 'object' ? String(warning.msg) : '').toMatch(/loopback only/);
  } finally {
    await bot.stop();
  }
});

it('with HOST set explicitly it binds there and warns that the bot is open without authentication', async () => {
  const bot = await startBot({ HOST: '0.0.0.0' });
  try {
    expect(new URL(bot.url).hostname).toBe('0.0.0.0');
    await new Promise((r) => setTimeout(r, 200));
    const warning = bot.logs.find((l) => typeof l === 'object' && l.level === 40);
    expect(warning && typeof warning === 'object' ? String(warning.msg) : '').toMatch(/without authentication/);
  } finally {
    await bot.stop();
  }
});
