#!/usr/bin/env node
// Bundles entry.mjs with esbuild into <out>/webchat.js and writes <out>/webchat.js.LICENSE.txt (every bundled package,
// its version and licence). Run by `node scripts/update-webchat.js`, which installs this folder's packages first.
'use strict';
const { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join, relative, resolve, sep } = require('node:path');

const here = __dirname;
const modules = join(here, 'node_modules');
if (!existsSync(modules)) {
  console.error(
    `${relative(process.cwd(), modules)} is missing: run \`npm ci --ignore-scripts\` in ${relative(process.cwd(), here) || '.'} first (node scripts/update-webchat.js does).`,
  );
  process.exit(1);
}
const esbuild = require('esbuild');
const WEBCHAT_VERSION = require(join(modules, 'botframework-webchat', 'package.json')).version;

/** The parts of Web Chat's dependencies that StatusBot never reaches, and what replaces each. */
const LEFT_OUT = [
  {
    what: 'Direct Line over the App Service extension (botframework-streaming, buffer, cross-fetch)',
    filter: /^\.\/directLineStreaming$/,
    importer: /botframework-directlinejs/,
    stub: 'direct-line-streaming.js',
  },
  {
    what: "postcss (sanitize-html's parser for style attributes, which Web Chat's markdown never allows)",
    filter: /^postcss$/,
    importer: /sanitize-html/,
    stub: 'postcss.js',
  },
  {
    what: 'core-js global polyfills (of ES2015–ES2020 features)',
    filter: /^core-js\/(modules|features)\//,
    stub: 'polyfill.js',
  },
  { what: 'url-search-params-polyfill', filter: /^url-search-params-polyfill$/, stub: 'polyfill.js' },
];

/** Packages that must not be in the bundle: the speech services, and what LEFT_OUT replaces. */
const MUST_NOT_BUNDLE = [
  'microsoft-cognitiveservices-speech-sdk',
  'botframework-directlinespeech-sdk',
  'web-speech-cognitive-services',
  'botframework-streaming',
  'postcss',
  'core-js',
  'url-search-params-polyfill',
];

/**
 * Web Chat's package exports only its bundles: the entry takes the parts it needs from its sources (TypeScript, and
 * JavaScript with JSX).
 */
const webchatSources = {
  name: 'webchat-sources',
  setup(build) {
    const sources = join(modules, 'botframework-webchat', 'src');
    build.onResolve({ filter: /^botframework-webchat\/src\// }, (args) =>
      build.resolve('./' + args.path.slice('botframework-webchat/src/'.length), {
        resolveDir: sources,
        kind: args.kind,
      }),
    );
    build.onLoad({ filter: /\.js$/ }, (args) =>
      args.path.startsWith(sources + sep) ? { contents: readFileSync(args.path, 'utf8'), loader: 'jsx' } : undefined,
    );
  },
};

/**
 * Web Chat imports ES5 copies of two packages, which those packages make at install time by running Babel; the
 * originals they copy are installed beside them (their peer dependency) and are taken instead: no install script runs.
 */
const ES5_COPIES = { 'markdown-it-attrs-es5': 'markdown-it-attrs', 'p-defer-es5': 'p-defer' };
const originals = {
  name: 'originals-of-es5-copies',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${Object.keys(ES5_COPIES).join('|')})$`) }, (args) =>
      build.resolve(ES5_COPIES[args.path], { resolveDir: modules, kind: args.kind }),
    );
  },
};

const leftOut = {
  name: 'left-out',
  setup(build) {
    for (const part of LEFT_OUT) {
      build.onResolve({ filter: part.filter }, (args) =>
        part.importer && !part.importer.test(args.importer) ? undefined : { path: join(here, 'stubs', part.stub) },
      );
    }
  },
};

/** The package folder (…/node_modules/name or …/node_modules/@scope/name) a bundled file belongs to. */
function packageDir(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const length = parts[at + 1].startsWith('@') ? 3 : 2;
  return join(here, ...parts.slice(0, at + length));
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|-|$)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

/** Every bundled package with its licence; packages with the same licence text share one copy of it. */
function licenceNotice(inputs) {
  const dirs = [...new Set(Object.keys(inputs).map(packageDir).filter(Boolean))];
  const byText = new Map();
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text =
      licenceText(dir) ?? `(the package ships no licence file; its package.json says: ${pkg.license ?? 'nothing'})`;
    const entry = `${pkg.name} ${pkg.version} (${pkg.license ?? 'licence not stated'})`;
    byText.set(text, [...(byText.get(text) ?? []), entry]);
  }
  const sections = [...byText].map(([text, names]) => `${names.sort().join('\n')}\n\n${text}`);
  // Web Chat's own packages are bundles too: what they carry inside (Globalize, …) is in their build's notice.
  const inside = Object.keys(inputs)
    .map((input) => join(here, input + '.LEGAL.txt'))
    .filter((legal) => existsSync(legal) && readFileSync(legal, 'utf8').trim())
    .map(
      (legal) =>
        `Inside ${relative(modules, legal).replace(/\.LEGAL\.txt$/, '')} (its build's notice):\n\n${readFileSync(legal, 'utf8').trim()}`,
    );
  return (
    [
      `webchat.js is Bot Framework Web Chat ${WEBCHAT_VERSION} (MIT, © Microsoft) as StatusBot builds it (scripts/webchat-build).`,
      `It bundles the ${dirs.length} packages below, each under the licence that follows its name.`,
      ...sections,
      ...inside,
    ].join(`\n\n${'-'.repeat(100)}\n\n`) + '\n'
  );
}

async function main() {
  const outDir = process.argv[2] && resolve(process.argv[2]);
  if (!outDir) {
    console.error(
      'Usage: node scripts/webchat-build/build.js <output folder>   (normally run by scripts/update-webchat.js)',
    );
    process.exit(2);
  }
  const outfile = join(outDir, 'webchat.js');
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: [join(here, 'entry.mjs')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // The syntax of Web Chat's own bundle (private class fields, ??=): the same browsers.
    target: 'es2022',
    outfile,
    // Checked before anything is written: a bundle that fails a check never replaces the vendored one.
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8',
    banner: {
      js: `/*! Bot Framework Web Chat ${WEBCHAT_VERSION} (MIT, © Microsoft), StatusBot's build (scripts/webchat-build). Licences: webchat.js.LICENSE.txt */`,
    },
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env.node_env': '"production"',
      'process.env.build_tool': '"esbuild"',
      'process.env.module_format': '"iife"',
      'process.env.npm_package_version': JSON.stringify(WEBCHAT_VERSION),
    },
    plugins: [webchatSources, originals, leftOut],
  });
  const bundled = Object.keys(result.metafile.inputs);
  const stray = MUST_NOT_BUNDLE.filter((name) => bundled.some((input) => input.includes(`node_modules/${name}/`)));
  if (stray.length)
    throw new Error(`The bundle still has ${stray.join(', ')}: something new imports it; give it a stub in LEFT_OUT.`);
  const bundle = result.outputFiles[0];
  // Browsers have no `process`: Web Chat's own build replaces these names, and so must this one.
  const unreplaced = bundle.text.match(/\bprocess\.env\.\w+/g);
  if (unreplaced)
    throw new Error(
      `The bundle reads ${[...new Set(unreplaced)].join(', ')}, which browsers lack: add it to \`define\`.`,
    );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outfile, bundle.contents);
  writeFileSync(join(outDir, 'webchat.js.LICENSE.txt'), licenceNotice(result.metafile.inputs));
  const size = bundle.contents.length;
  console.log(
    `Built ${relative(process.cwd(), outfile)}: ${size.toLocaleString('en-US')} bytes, Web Chat ${WEBCHAT_VERSION}. Left out:\n${LEFT_OUT.map((p) => `  - ${p.what}`).join('\n')}`,
  );
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
