// Validates Teams manifests (a JSON array of them on stdin) against the schema of each one's manifestVersion bundled
// in @microsoft/app-manifest, and prints one array of errors per manifest, as JSON. A separate Node process because the library pulls
// in ES-module-only dependencies that Jest's CommonJS runtime cannot load; Node itself can. Any fetch is an error:
// the schema is passed in, so validation must stay offline.
'use strict';
const { readFileSync } = require('node:fs');

globalThis.fetch = async (url) => {
  throw new Error(`validation tried to fetch ${url}; it must use the bundled schema`);
};

const { AppManifestUtils } = require('@microsoft/app-manifest');
const schemaOf = (manifest) =>
  require(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
const manifests = JSON.parse(readFileSync(0, 'utf8'));
Promise.all(manifests.map((manifest) => AppManifestUtils.validateAgainstSchema(manifest, schemaOf(manifest)))).then(
  (errors) => console.log(JSON.stringify(errors)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
