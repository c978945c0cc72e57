#!/usr/bin/env node
// `npm run teams:package`: builds the Microsoft Teams app package, a zip to upload in Teams (Apps → Manage your apps →
// Upload an app). It fills the ${{NAME}} placeholders of appPackage/manifest.json from .env and the environment,
// checks the result against the Teams JSON schema of its own manifestVersion (bundled in @microsoft/app-manifest,
// never fetched) when that dev package is installed, and zips manifest.json, color.png and outline.png.
//
//   npm run teams:package                         # → dist/teams/statusbot-teams.zip
//   npm run teams:package -- --out my-app.zip
//
// Values (environment first, then .env):
//   BOT_ID        the Azure Bot's Microsoft App ID; defaults to MicrosoftAppId (what the bot itself signs in with)
//   BOT_DOMAIN    the public host of the messaging endpoint (https://<BOT_DOMAIN>/api/messages); a URL is accepted
//   TEAMS_APP_ID  the Teams app's own id (a GUID); defaults to one derived from BOT_ID, the same on every run
//   TEAMS_APP_VERSION  defaults to package.json's version; raise it for Teams to take an updated package
//   TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL  the developer block Teams shows;
//                 the URLs default to https://<BOT_DOMAIN>/ (the bot's own page)
'use strict';
const { Buffer } = require('node:buffer');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { URL } = require('node:url');
const { parseArgs } = require('node:util');
const { deflateRawSync } = require('node:zlib');
const { zipSync } = require('fflate');

const ROOT = join(__dirname, '..');
const APP_PACKAGE = join(ROOT, 'appPackage');
const DEFAULT_OUT = join(ROOT, 'dist', 'teams', 'statusbot-teams.zip');
/** The files of the package, as Teams expects them: at the root of the zip, no folders. */
const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'];

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/i;
/** A fixed namespace for TEAMS_APP_ID derived from BOT_ID (UUID version 5), so the same bot gets the same app id. */
const APP_ID_NAMESPACE = 'e7b4a8f0-5c1d-4f2b-9a3e-57a7b5b0c0de';

class PackageError extends Error {}

// === The values that fill the manifest

/** Every ${{NAME}} value, checked; throws a PackageError that says how to fix the first bad one. */
function packageValues(env) {
  const get = (name) => (env[name] ?? '').trim();

  const botId = get('BOT_ID') || get('MicrosoftAppId');
  if (!botId) {
    throw new PackageError(
      'BOT_ID is not set. Set MicrosoftAppId in .env to the Microsoft App ID of your Azure Bot (Azure portal → your bot → Configuration), or set BOT_ID.',
    );
  }
  if (!GUID.test(botId))
    throw new PackageError(
      `BOT_ID=${JSON.stringify(botId)} is not a GUID. Use the Azure Bot's Microsoft App ID, for example 00000000-0000-0000-0000-000000000000.`,
    );

  const teamsAppId = get('TEAMS_APP_ID') || teamsAppIdFor(botId);
  if (!GUID.test(teamsAppId))
    throw new PackageError(
      `TEAMS_APP_ID=${JSON.stringify(teamsAppId)} is not a GUID. Leave it empty to derive one from BOT_ID.`,
    );

  const domain = botDomain(get('BOT_DOMAIN'));
  const version = get('TEAMS_APP_VERSION') || JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (!SEMVER.test(version))
    throw new PackageError(
      `TEAMS_APP_VERSION=${JSON.stringify(version)} must be a version such as 1.0.3 (three numbers).`,
    );

  const developerName = get('TEAMS_DEVELOPER_NAME') || 'StatusBot';
  if (developerName.length > 32)
    throw new PackageError(`TEAMS_DEVELOPER_NAME is ${developerName.length} characters; Teams allows at most 32.`);
  const websiteUrl = httpsUrl('TEAMS_WEBSITE_URL', get('TEAMS_WEBSITE_URL') || `https://${domain}/`);
  return {
    BOT_ID: botId,
    TEAMS_APP_ID: teamsAppId,
    BOT_DOMAIN: domain,
    APP_VERSION: version,
    DEVELOPER_NAME: developerName,
    WEBSITE_URL: websiteUrl,
    PRIVACY_URL: httpsUrl('TEAMS_PRIVACY_URL', get('TEAMS_PRIVACY_URL') || websiteUrl),
    TERMS_URL: httpsUrl('TEAMS_TERMS_URL', get('TEAMS_TERMS_URL') || websiteUrl),
  };
}

/** The host name alone: "statusbot.example.com" from itself or from "https://statusbot.example.com/api/messages". */
function botDomain(value) {
  if (!value) {
    throw new PackageError(
      'BOT_DOMAIN is not set. Set it in .env to the public host of your bot, the <host> of its messaging endpoint https://<host>/api/messages (for example statusbot.example.com).',
    );
  }
  let host = value;
  if (/^[a-z]+:\/\//i.test(value)) {
    try {
      host = new URL(value).host;
    } catch {
      throw new PackageError(
        `BOT_DOMAIN=${JSON.stringify(value)} is not a URL or host name. Write the host alone, for example statusbot.example.com.`,
      );
    }
  }
  if (!HOST.test(host))
    throw new PackageError(
      `BOT_DOMAIN=${JSON.stringify(value)} is not a host name. Write the host alone, for example statusbot.example.com.`,
    );
  return host.toLowerCase();
}

function httpsUrl(variable, value) {
  if (!/^https:\/\/[^\s]+$/i.test(value))
    throw new PackageError(`${variable}=${JSON.stringify(value)} must be an https:// URL.`);
  return value;
}

/** A UUID version 5 of BOT_ID: stable across runs and machines, different from the bot id itself. */
function teamsAppIdFor(botId) {
  const namespace = Buffer.from(APP_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(botId.toLowerCase()).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The manifest with every ${{NAME}} in its strings replaced; an unknown name is an error, never left in. */
function fillManifest(template, values) {
  const fill = (node) => {
    if (typeof node === 'string') {
      return node.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name) => {
        if (!(name in values))
          throw new PackageError(
            `appPackage/manifest.json uses \${{${name}}}, which teams-package.js does not fill. Known: ${Object.keys(values).join(', ')}.`,
          );
        return values[name];
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  return fill(template);
}

// === Validation against the bundled schema (dev installs only)

/**
 * Schema errors of the filled manifest, or `{ skipped }` with the reason when @microsoft/app-manifest cannot be loaded
 * (not installed in a production install; Node before 20.19 cannot require its ES-module dependencies).
 */
async function schemaErrors(manifest) {
  let AppManifestUtils;
  try {
    ({ AppManifestUtils } = require('@microsoft/app-manifest'));
  } catch (err) {
    const missing = err && err.code === 'MODULE_NOT_FOUND';
    return {
      skipped: missing
        ? '@microsoft/app-manifest is not installed (run npm install for the dev dependencies)'
        : `@microsoft/app-manifest could not be loaded on Node ${process.versions.node} (${err && err.message})`,
    };
  }
  const schemaPath = `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
  let schema;
  try {
    schema = require(schemaPath);
  } catch {
    throw new PackageError(
      `No bundled schema for manifestVersion ${manifest.manifestVersion} (${schemaPath}); use a version @microsoft/app-manifest ships.`,
    );
  }
  return AppManifestUtils.validateAgainstSchema(manifest, schema);
}

// === The zip (fflate)

/** A fixed timestamp (2025-01-01 00:00, local time as zip keeps it) so the same inputs give the same zip, byte for byte. */
const MTIME = new Date(2025, 0, 1);

/** The zip of `files` ([{ name, data }]), each deflated, or stored when deflate would not make it smaller. */
function zip(files) {
  const entries = files.map(({ name, data }) => [
    name,
    [data, { level: deflateRawSync(data, { level: 9 }).length < data.length ? 9 : 0, mtime: MTIME }],
  ]);
  return Buffer.from(zipSync(Object.fromEntries(entries)));
}

// === The command

/** Fills, validates and zips the package; returns what it wrote. */
async function buildPackage({ env = process.env, out = DEFAULT_OUT } = {}) {
  const values = packageValues(env);
  const manifest = fillManifest(JSON.parse(readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8')), values);
  const errors = await schemaErrors(manifest);
  if (Array.isArray(errors) && errors.length) {
    throw new PackageError(
      `The filled manifest does not match the Teams ${manifest.manifestVersion} schema:\n  ${errors.join('\n  ')}`,
    );
  }
  const files = PACKAGE_FILES.map((name) => ({
    name,
    data:
      name === 'manifest.json'
        ? Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8')
        : readFileSync(join(APP_PACKAGE, name)),
  }));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(files));
  return { out, manifest, values, skipped: Array.isArray(errors) ? undefined : errors.skipped };
}

const USAGE = `Usage: npm run teams:package [-- --out <file.zip>]
  Builds the Teams app package (default dist/teams/statusbot-teams.zip) from appPackage/ and BOT_ID, BOT_DOMAIN
  and the other TEAMS_* variables in .env or the environment (see the README's Microsoft Teams section).`;

if (require.main === module) {
  let args;
  try {
    args = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const envFile = join(ROOT, '.env');
  // Variables already in the environment win over .env, as for the bot itself (src/config.ts).
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const out = args.out ? resolve(args.out) : DEFAULT_OUT;
  buildPackage({ out })
    .then(({ values, skipped }) => {
      console.log(
        `Wrote ${relative(process.cwd(), out) || out}: Teams app ${values.TEAMS_APP_ID} ${values.APP_VERSION}, bot ${values.BOT_ID}, domain ${values.BOT_DOMAIN}.`,
      );
      console.log(skipped ? `Schema check skipped: ${skipped}.` : 'The manifest matches its Teams schema.');
      console.log('Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
    })
    .catch((err) => {
      console.error(err instanceof PackageError ? err.message : err);
      process.exit(1);
    });
}

module.exports = { buildPackage, packageValues, fillManifest, teamsAppIdFor, zip, PackageError, PACKAGE_FILES };
