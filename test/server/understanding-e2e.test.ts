/**
 * The conversations understanding v2 is about, over HTTP as a channel holds them: the real server (in-process), the real
 * CloudAdapter, activities POSTed to /api/messages with deliveryMode "expectReplies", conversation state between
 * turns. Follow-ups in other words after a 413 through nginx, a comparison with the last code, "which one", thanks
 * and acknowledgements that get a line in kind, a number that is no HTTP status, and a message the bot asks about.
 */
import { botForThisFile } from '../support/bot-in-process';
import { say, visibleText, type Activity } from '../support/channel-client';

jest.setTimeout(30_000);

const bot = botForThisFile();

const cards = (activities: Activity[]) =>
  activities
    .flatMap((a) => a.attachments ?? [])
    .filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
/** The first heading of the first card: what the answer is about. */
function cardTitle(activities: Activity[]): string | undefined {
  const body =
    (cards(activities)[0]?.content as { body?: Array<{ type: string; style?: string; text?: string }> } | undefined)
      ?.body ?? [];
  return body.find((e) => e.type === 'TextBlock' && e.style === 'heading')?.text;
}

describe('follow-ups in other words, after "my upload fails with 413 through nginx"', () => {
  const conv = 'understanding-413';

  it('answers the 413, the user on the server side of nginx', async () => {
    const { activities } = await say(bot.url, conv, 'our nginx gives my upload a 413');
    expect(cardTitle(activities)).toBe('413 Content Too Large');
  });

  it.each<[string, string, RegExp]>([
    ['what config do i need to change', '413 Content Too Large: what to change on the server', /client_max_body_size/],
    ['and for the frontend?', '413 Content Too Large: what to do as the caller', /pre-signed URL/],
    ['can you give an example', 'An example of 413 Content Too Large', /\$ curl/],
    ['is it a bug in my code?', 'Whose side is 413 Content Too Large?', /Usually the caller has to change something/],
    ['why does it happen', 'Why 413 Content Too Large happens', /Typical causes/],
  ])('%j → %s', async (text, title, mentions) => {
    const { status, activities } = await say(bot.url, conv, text);
    expect(status).toBe(200);
    expect(cardTitle(activities)).toBe(title);
    expect(visibleText(activities)).toMatch(mentions);
  });

  it('"how do I fix it?" lists the server\'s steps first: the user said it is their nginx', async () => {
    const text = visibleText((await say(bot.url, conv, 'how do I fix it?')).activities);
    expect(text.indexOf('If you run the server')).toBeLessThan(text.indexOf("If you're calling the API"));
  });

  it.each<[string, RegExp]>([
    ['thank you so much!', /^You're welcome/],
    ['hmm ok', /^Glad that helps/],
    ['perfect, got it', /^Glad that helps/],
  ])('%j gets a line in kind, no card and no code', async (text, line) => {
    const { activities } = await say(bot.url, conv, text);
    expect(activities).toHaveLength(1);
    expect(activities[0]?.text).toMatch(line);
    expect(cards(activities)).toHaveLength(0);
  });

  it('after the thanks, the subject is still the 413', async () => {
    expect(cardTitle((await say(bot.url, conv, 'is it safe to retry?')).activities)).toBe(
      'Retrying 413 Content Too Large',
    );
  });
});

describe('a comparison with the last code, and which one to use', () => {
  const conv = 'understanding-308';

  it('"how does it differ from 301?" after 308 compares them', async () => {
    await say(bot.url, conv, 'what is 308');
    const { activities } = await say(bot.url, conv, 'how does it differ from 301?');
    expect(cardTitle(activities)).toBe('308 Permanent Redirect vs 301 Moved Permanently');
  });

  it('"which one should I use …" leads with the code the situation points to', async () => {
    const text = visibleText(
      (await say(bot.url, conv, 'which one should I use for a permanent API move that keeps POST')).activities,
    );
    expect(text).toMatch(/For what you describe, use 308 Permanent Redirect/);
  });
});

describe('what the bot asks instead of guessing', () => {
  it('a follow-up with nothing before it asks what it refers to', async () => {
    const { activities } = await say(bot.url, 'understanding-fresh', 'and for the frontend?');
    expect(cardTitle(activities)).toBe('Which status or error?');
    expect(visibleText(activities)).not.toMatch(/\b[1-5]\d\d [A-Z]/);
  });

  it('a message that only says something fails asks for the code or the error text', async () => {
    const { activities } = await say(bot.url, 'understanding-vague', 'the site is broken since the deploy');
    expect(cardTitle(activities)).toBe('Which status or error?');
  });

  it('after "did you mean", a typed "why?" is about the likeliest reading offered', async () => {
    const conv = 'understanding-did-you-mean';
    const asked = await say(
      bot.url,
      conv,
      "the server says the thing i'm saving was changed by someone else in the meantime",
    );
    expect(cardTitle(asked.activities)).toBe('Did you mean:');
    expect(visibleText(asked.activities)).toMatch(/409 Conflict/);
    const { activities } = await say(bot.url, conv, 'why tho');
    expect(cardTitle(activities)).toBe('Why 409 Conflict happens');
  });

  it("a mail server's reply is named as one, not answered as an HTTP status", async () => {
    const { activities } = await say(bot.url, 'understanding-smtp', 'smtp error 554 5.7.1 relay denied');
    expect(cardTitle(activities)).toBe('554 5.7.1 is not an HTTP status');
    expect(visibleText(activities)).toMatch(/RFC 5321/);
  });
});
