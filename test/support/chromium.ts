/**
 * Debian's Chromium (/usr/bin/chromium) launched headless by playwright-core, as the browser tests and
 * `npm run bench:webchat` drive it. Kept apart from browser.ts (and free of jest) so the bench can build it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium is slow to start and render Web Chat on a small CI machine: be generous. */
export const BROWSER_TIMEOUT_MS = 60_000;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. Run \`npm test\` (it installs Debian's chromium when missing) or, as root, \`apt-get install -y chromium\`.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: BROWSER_TIMEOUT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Tests play another web site (served by the test) that embeds the bot, which runs on loopback here; Chromium
      // would refuse a "public" page loading from a loopback address. In production the bot has a public address.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}
