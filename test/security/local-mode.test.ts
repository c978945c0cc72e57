/**
 * Without credentials the bot accepts unauthenticated requests, so it binds to loopback, refuses another HOST unless
 * ALLOW_UNAUTHENTICATED=true says the operator means it, and says so at start.
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

it('a non-loopback HOST without credentials stops start-up, naming HOST and the setting that allows it', async () => {
  const failure = await startBot({ HOST: '0.0.0.0' }).then(
    async (bot) => {
      await bot.stop();
      return new Error('the bot started');
    },
    (err: Error) => err,
  );
  expect(failure.message).toMatch(/^bot exited with 1 before listening/);
  expect(failure.message).toMatch(/HOST=\W{0,2}0\.0\.0\.0\W{0,2} is not allowed.*ALLOW_UNAUTHENTICATED=true/);
});

it('with ALLOW_UNAUTHENTICATED=true it binds there and warns that the bot is open without authentication', async () => {
  const bot = await startBot({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' });
  try {
    expect(new URL(bot.url).hostname).toBe('0.0.0.0');
    await new Promise((r) => setTimeout(r, 200));
    const warning = bot.logs.find((l) => typeof l === 'object' && l.level === 40);
    expect(warning && typeof warning === 'object' ? String(warning.msg) : '').toMatch(/without authentication/);
  } finally {
    await bot.stop();
  }
});
