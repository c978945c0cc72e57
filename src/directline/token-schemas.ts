/**
 * What POST /api/directline/token takes and gives, as zod schemas: the endpoint reads its body through
 * `tokenRequestSchema`, and /openapi.json describes both from these same objects.
 *
 * Body (optional): {"user": {"id": "…", "name": "…"}, "conversationId": "…"};
 * no body, `null` or "" is an empty one.
 */
import { z } from 'zod/v4';
import { CONVERSATION_ID, USER_ID } from './directline-ids';

const OBJECT_EXPECTED = 'Send no body, or a JSON object such as {"user": {"id": "visitor-42", "name": "Ada"}}.';
const USER_EXPECTED = '"user" must be an object such as {"id": "visitor-42", "name": "Ada"}.';

export const tokenRequestSchema = z.preprocess(
  (body) => (body === undefined || body === null || body === '' ? {} : body),
  z.object(
    {
      user: z
        .object(
          {
            id: z
              .string({ error: '"user.id" must be 1–64 letters, digits or . _ : @ - characters.' })
              .regex(USER_ID, '"user.id" must be 1–64 letters, digits or . _ : @ - characters.')
              .optional()
              .describe('Who the visitor is; a new id is made when absent.'),
            name: z
              .string({ error: '"user.name" must be a string of at most 64 characters.' })
              .max(64, '"user.name" must be a string of at most 64 characters.')
              .optional(),
          },
          { error: USER_EXPECTED },
        )
        .optional(),
      conversationId: z
        .string({
          error: '"conversationId" must be the id of a conversation this server started (as returned with its token).',
        })
        .regex(
          CONVERSATION_ID,
          '"conversationId" must be the id of a conversation this server started (as returned with its token).',
        )
        .optional()
        .describe('To continue a conversation: its id, with its current token as "Authorization: Bearer <token>".'),
    },
    { error: OBJECT_EXPECTED },
  ),
);

export type TokenRequest = z.output<typeof tokenRequestSchema>;

export const tokenResponseSchema = z
  .object({
    token: z.string(),
    conversationId: z.string(),
    expires_in: z.int().min(1).describe('Seconds until the token expires.'),
    domain: z.url().describe('The Direct Line base URL to pass to createDirectLine({ domain, token }).'),
    userId: z.string().describe('The user the token speaks for (Web Chat reads it from the token too).'),
  })
  .strict();

export type TokenResponse = z.output<typeof tokenResponseSchema>;
