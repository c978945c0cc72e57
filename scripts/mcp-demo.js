#!/usr/bin/env node
// An MCP client calling StatusBot as an AI assistant does: starts `statusbot-mcp` over stdio with the official SDK's
// Client, lists the tools, and calls explain_http_error with a pasted `curl -v` output (a 429 with Retry-After), then
// prints the transcript. `node scripts/mcp-demo.js [FILE]` explains FILE's text instead.
'use strict';
const { readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

const root = join(__dirname, '..');
const CURL_429 = `$ curl -v https://api.example.com/v1/orders
*   Trying 93.184.215.14:443...
* Connected to api.example.com (93.184.215.14) port 443
> GET /v1/orders HTTP/2
> Host: api.example.com
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/2 429
< content-type: application/json
< retry-after: 120
< x-ratelimit-limit: 100
< x-ratelimit-remaining: 0
<
{"error":"rate_limited","message":"Too many requests, slow down"}`;

async function main() {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-built.js'), '--quiet'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const file = process.argv[2];
  const text = file ? readFileSync(file, 'utf8') : CURL_429;

  const client = new Client({ name: 'mcp-demo', version: '1.0.0' });
  const command = [process.execPath, join(root, 'dist', 'src', 'cli', 'statusbot-mcp.js')];
  console.log(`$ ${command.map((c) => c.replace(root + '/', '')).join(' ')}   (started by the client, over stdio)`);
  await client.connect(new StdioClientTransport({ command: command[0], args: command.slice(1) }));
  const server = client.getServerVersion();
  console.log(`← initialize: ${server.title ?? server.name} ${server.version}`);
  const { tools } = await client.listTools();
  console.log(`← tools/list: ${tools.map((t) => t.name).join(', ')}`);

  const args = { text, side: 'client' };
  console.log('\n→ tools/call explain_http_error');
  console.log(JSON.stringify(args, null, 2));
  const result = await client.callTool({ name: 'explain_http_error', arguments: args });
  console.log(`\n← result (isError: ${result.isError === true})`);
  console.log('content[0].text:\n');
  console.log(result.content[0].text);
  const s = result.structuredContent;
  const brief = {
    intent: s.intent,
    status: s.status && { id: s.status.id, code: s.status.code, name: s.status.name, vendor: s.status.vendor },
    retry: s.retry,
    fromPaste: s.fromPaste,
    likelyFix: s.likelyFix,
    related: s.related.map((r) => `${r.code}${r.vendor ? ` (${r.vendor})` : ''}`),
  };
  console.log('\nstructuredContent (some fields):');
  console.log(JSON.stringify(brief, null, 2));
  await client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
