#!/usr/bin/env node
/**
 * `npm run mcp` (or the `statusbot-mcp` command): StatusBot's MCP server on stdin/stdout, for editors and desktop AI
 * assistants that start it as a child process. stdout carries only the protocol; anything else goes to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { DataError } from '../knowledge/data-error';
import { StatusEngine } from '../knowledge/engine';
import { createStatusBotMcpServer } from '../mcp/statusbot-mcp-server';

async function main(): Promise<void> {
  const server = createStatusBotMcpServer(StatusEngine.load());
  await server.connect(new StdioServerTransport());
}

main().catch((err: unknown) => {
  console.error(err instanceof DataError ? err.message : err);
  process.exit(1);
});
