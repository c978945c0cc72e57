/**
 * `npm run teams:package` as a user runs it: the script writes the zip, and this reads it back like Teams would.
 * The filled manifest is validated offline against the JSON schema of its own manifestVersion as bundled in
 * @microsoft/app-manifest (passed in, so nothing is fetched), and the icons are checked pixel by pixel.
 * The zip is read with yauzl, the PNGs with pngjs; neither is what wrote them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { fromBufferPromise } from 'yauzl';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/search-query';
import { engine } from '../cards/engine-fixture';
import { ROOT } from '../support/bot-process';

interface TeamsPackageScript {
  packageValues(env: Record<string, string>): Record<string, string>;
  teamsAppIdFor(botId: string): string;
  PACKAGE_FILES: string[];
}
const script = jest.requireActual<TeamsPackageScript>('../../scripts/teams-package.js');

const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const BOT_DOMAIN = 'statusbot.example.com';

// The manifest's shape as far as these tests read it.
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  accentColor: string;
  name: { short: string; full?: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  validDomains: string[];
  bots: Array<{
    botId: string;
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{
      id: string;
      type: string;
      title: string;
      initialRun: boolean;
      context: string[];
      parameters: Array<{ name: string; inputType: string }>;
    }>;
  }>;
  [key: string]: unknown;
}

interface ZipEntry {
  name: string;
  /** 8 = deflate, 0 = stored. */
  method: number;
  data: Buffer;
}

/** Every file in the zip, as an unzip tool reads it; each one's CRC-32 is checked against node:zlib's. */
async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  const file = await fromBufferPromise(zip, { lazyEntries: true });
  for await (const entry of file.eachEntry()) {
    const data = await buffer(await file.openReadStreamPromise(entry));
    if (crc32(data) !== entry.crc32) throw new Error(`${entry.fileName}: CRC-32 mismatch`);
    entries.push({ name: entry.fileName, method: entry.compressionMethod, data });
  }
  return entries;
}

let dir: string;
let entries: ZipEntry[];
let manifest: Manifest;
const file = (name: string) => {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the package`);
  return entry.data;
};

// Packaging validates the manifest in a child process: seconds on a busy machine.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'statusbot-teams-'));
  const out = join(dir, 'statusbot-teams.zip');
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'teams-package.js'), '--out', out], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BOT_ID, BOT_DOMAIN },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`teams-package.js failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  expect(run.stdout).toMatch(/matches its Teams schema/);
  entries = await readZip(readFileSync(out));
  manifest = JSON.parse(file('manifest.json').toString('utf8')) as Manifest;
}, 60_000);

/** AppManifestUtils.validateAgainstSchema(manifest, bundled schema) for each manifest, in a Node process (see validate-manifest.cjs). */
function validate(manifests: unknown[]): string[][] {
  const run = spawnSync(process.execPath, [join(__dirname, 'validate-manifest.cjs')], {
    cwd: ROOT,
    input: JSON.stringify(manifests),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`validate-manifest.cjs failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the package zip', () => {
  test('holds exactly manifest.json, color.png and outline.png at its root', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(script.PACKAGE_FILES.slice().sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  test('is deflated where that helps', () => {
    expect(entries.find((e) => e.name === 'manifest.json')?.method).toBe(8);
  });
});

describe('the filled manifest', () => {
  test('validates offline against the bundled schema of its own manifestVersion', () => {
    const [major, minor] = manifest.manifestVersion.split('.').map(Number) as [number, number];
    expect(major === 1 && minor >= 17).toBe(true);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    const bots = manifest.bots.map((bot) => ({ ...bot, scopes: ['personal', 'groupchat'] }));
    const [ours, lowerCaseScope, withPackageName] = validate([
      manifest,
      { ...manifest, bots },
      { ...manifest, packageName: 'com.example.statusbot' },
    ]);
    expect(ours).toEqual([]);
    // The check is real: what older manifests allowed fails it.
    expect(lowerCaseScope?.join('\n')).toMatch(/scopes/);
    expect(withPackageName?.join('\n')).toMatch(/packageName/);
  });

  test('has every placeholder filled: bot id, a stable app id, the domain, the version', () => {
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0]?.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(script.teamsAppIdFor(BOT_ID));
    expect(manifest.id).not.toBe(BOT_ID);
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manifest.validDomains).toEqual([BOT_DOMAIN]);
    expect(manifest.version).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  test('the bot works in personal chats, teams and group chats (camelCase), with no packageName', () => {
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest).not.toHaveProperty('packageName');
  });

  test('every command in the command list gets a real answer', () => {
    const commands = manifest.bots[0]?.commandLists.flatMap((list) => list.commands) ?? [];
    expect(commands.map((c) => c.title)).toEqual(expect.arrayContaining(['help', 'what is 502', '401 vs 403']));
    for (const { title } of commands) expect([title, engine().ask(title).answer.intent]).not.toEqual([title, 'none']);
  });

  test('declares the search command the bot answers', () => {
    const [command] = manifest.composeExtensions[0]?.commands ?? [];
    expect(command).toMatchObject({
      id: SEARCH_COMMAND_ID,
      type: 'query',
      title: 'Look up an HTTP status',
      initialRun: true,
    });
    expect(command?.context.slice().sort()).toEqual(['commandBox', 'compose']);
    expect(command?.parameters).toEqual([expect.objectContaining({ name: SEARCH_PARAMETER, inputType: 'text' })]);
  });

  test('describes the bot within Teams limits', () => {
    expect(manifest.name.short).toBe('StatusBot');
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toMatch(/@mention StatusBot/);
    expect(manifest.description.full).toMatch(/Look up an HTTP status/);
  });
});

describe('the icons', () => {
  test('color.png is a 192×192 full-bleed RGBA icon on the accent colour', () => {
    const png = PNG.sync.read(file(manifest.icons.color));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect(png.colorType).toBe(6);
    const pixels = png.data;
    let seeThrough = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) seeThrough++;
    expect(seeThrough).toBe(0);
    const accent = `#${pixels.subarray(0, 3).toString('hex')}`.toUpperCase();
    expect(accent).toBe(manifest.accentColor.toUpperCase());
  });

  test('outline.png is 32×32, white on transparent only', () => {
    const png = PNG.sync.read(file(manifest.icons.outline));
    expect([png.width, png.height]).toEqual([32, 32]);
    const pixels = png.data;
    let white = 0;
    const offenders: string[] = [];
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a === 0) continue;
      if (r === 255 && g === 255 && b === 255) white++;
      else offenders.push(`(${(i / 4) % 32}, ${Math.floor(i / 4 / 32)}) = ${r},${g},${b},${a}`);
    }
    expect(offenders).toEqual([]);
    expect(white).toBeGreaterThan(100);
    expect(white).toBeLessThan(32 * 32 - 100);
  });

  test('are the committed PNGs, each beside its SVG source', () => {
    for (const name of [manifest.icons.color, manifest.icons.outline]) {
      expect(file(name).equals(readFileSync(join(ROOT, 'appPackage', name)))).toBe(true);
      expect(readFileSync(join(ROOT, 'appPackage', name.replace(/\.png$/, '.svg')), 'utf8')).toMatch(/^<svg /);
    }
  });
});

describe('the values the packaging needs', () => {
  test('BOT_ID falls back to MicrosoftAppId, and a missing one says where to find it', () => {
    expect(script.packageValues({ MicrosoftAppId: BOT_ID, BOT_DOMAIN }).BOT_ID).toBe(BOT_ID);
    expect(() => script.packageValues({ BOT_DOMAIN })).toThrow(/MicrosoftAppId in \.env/);
    expect(() => script.packageValues({ BOT_ID: 'statusbot', BOT_DOMAIN })).toThrow(/not a GUID/);
  });

  test('BOT_DOMAIN is required, and a messaging endpoint URL is read as its host', () => {
    expect(() => script.packageValues({ BOT_ID })).toThrow(/BOT_DOMAIN is not set.*\/api\/messages/);
    expect(script.packageValues({ BOT_ID, BOT_DOMAIN: 'https://Bot.Example.com/api/messages' }).BOT_DOMAIN).toBe(
      'bot.example.com',
    );
    expect(() => script.packageValues({ BOT_ID, BOT_DOMAIN: 'not a host' })).toThrow(/not a host name/);
  });

  test('TEAMS_APP_ID is used when set, and derived the same way every time otherwise', () => {
    const own = '0a1b2c3d-0000-4000-8000-000000000001';
    expect(script.packageValues({ BOT_ID, BOT_DOMAIN, TEAMS_APP_ID: own }).TEAMS_APP_ID).toBe(own);
    expect(script.teamsAppIdFor(BOT_ID)).toBe(script.teamsAppIdFor(BOT_ID.toUpperCase()));
    expect(script.teamsAppIdFor(BOT_ID)).not.toBe(script.teamsAppIdFor('3f2504e0-4f89-41d3-9a0c-0305e82c3302'));
  });

  test("the developer URLs default to the bot's own https page", () => {
    const values = script.packageValues({ BOT_ID, BOT_DOMAIN });
    expect(values).toMatchObject({
      WEBSITE_URL: `https://${BOT_DOMAIN}/`,
      PRIVACY_URL: `https://${BOT_DOMAIN}/`,
      TERMS_URL: `https://${BOT_DOMAIN}/`,
    });
    expect(() => script.packageValues({ BOT_ID, BOT_DOMAIN, TEAMS_PRIVACY_URL: 'http://example.com/privacy' })).toThrow(
      /https/,
    );
  });
});
