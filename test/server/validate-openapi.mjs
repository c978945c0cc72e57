// Validates an OpenAPI document (JSON on stdin) against the official OpenAPI schema of its version, bundled in
// @seriousme/openapi-schema-validator, and prints {"valid", "version", "errors"} as JSON. A separate Node process
// because the library is an ES module only, which Jest's CommonJS runtime cannot load. Offline: any fetch is an error.
/* global console */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';

globalThis.fetch = async (url) => {
  throw new Error(`validation tried to fetch ${url}; it must use the bundled schema`);
};

const validator = new Validator();
const result = await validator.validate(JSON.parse(readFileSync(0, 'utf8')));
console.log(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
