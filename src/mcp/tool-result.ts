/**
 * What every StatusBot tool returns: the structured answer (checked by the SDK against the tool's outputSchema) and
 * the same answer as Markdown, rendered by src/render/render-text.ts as the chat renders it; or, for input the tool
 * cannot use, a tool error (isError) whose text tells the model what to send instead.
 *
 *   return answered({ code: 502, meanings }, renderText(answer));
 *   return refused('"5O2" is not a status code; send a number such as 502.');
 */
import type { ToolAnnotations, CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * Every tool only reads StatusBot's own table: nothing changes, the same input gives the same answer, no web access.
 */
export const READ_ONLY_TOOL: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export function answered(structured: Record<string, unknown>, markdown: string): CallToolResult {
  return { content: [{ type: 'text', text: markdown }], structuredContent: structured };
}

export function refused(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
