/**
 * Input fields more than one tool takes, with the errors a model reads when it sends them wrong: each says what to
 * send instead.
 */
import { z } from 'zod/v4';
import { SIDES } from '../knowledge/conversation-lexicon';

/** Required pasted text: missing, not a string and blank are each told apart. */
export function pastedTextInput(field: string, what: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${field} is required: a string with ${what}`
          : `${field} must be a string with ${what}`,
    })
    .trim()
    .min(1, `${field} is empty: paste ${what}`);
}

export const sideInput = z
  .enum(SIDES, {
    error:
      'side must be "client" (the user calls the API or uses the site) ' +
      'or "server" (the user runs the server, proxy or account that answered); leave it out when unsure',
  })
  .optional()
  .describe(
    'Which end the user is on: "client" if they call the API or use the site, "server" if they run the server, ' +
      'proxy or account that answered. Their steps come first. Leave out when unknown.',
  );
