#!/usr/bin/env node
/**
 * `npm run mcp` (or the `statusbot-mcp` command): StatusBot's MCP server on stdin/stdout, for editors and desktop AI
 * assistants that start it as a child process. stdout carries only the protocol; anything else goes to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { DataError } from '../knowledge/data-error';
import { StatusEngine } from '../knowledge/engine';
import { createStatusBotMcpServer } from '../mcp/statusbot-mcp-server';
import { readCommandLine } from './command-line';

const USAGE = `Usage: statusbot-mcp   (or: npm run --silent mcp)
  StatusBot's MCP server on stdin and stdout, for an AI assistant that starts it as a child process.
  It takes no arguments; over HTTP, the bot serves the same tools at /mcp when MCP_HTTP=true.`;

async function main(): Promise<void> {
  if (!readCommandLine(USAGE, {})) return;
  const server = createStatusBotMcpServer(StatusEngine.load());
  await server.connect(new StdioServerTransport());
}

main().catch((err: unknown) => {
  console.error(err instanceof DataError ? err.message : err);
  process.exit(1);
});
