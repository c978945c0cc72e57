/**
 * Reply activities serialized once, when they were first drawn, and spliced into every later response: an answer's
 * card and Markdown are most of a response's JSON (docs/performance.md, "Answers drawn once"). Only what the turn adds
 * (conversation, from, recipient, replyToId …) is serialized per turn.
 *
 *   const activity = prerender(answerActivity(answer)); // frozen; the UTF-8 JSON of each field kept
 *   res.sendRaw(200, expectedRepliesBody(body));        // the same JSON as JSON.stringify(body), as bytes
 *
 * TurnContext sends a shallow copy of the activity, with fields added or replaced, so the fields are recognised by
 * identity: a field of the copy whose value is still the prerendered one is spliced in; anything else (a field a
 * turn added, or replaced, like Teams' channelData) is serialized as usual. The attachments array, which every
 * drawn answer has and no turn replaces, is what finds the record.
 *
 * The self-hosted Direct Line keeps replies for a while (its history): `sharedFields` gives it the prerendered fields
 * as one piece of JSON, the same Buffer for every conversation that got the answer, so a thousand conversations
 * that asked "what is 502" hold one card, not a thousand.
 *
 * Why bytes rather than a string: a response built as a string is a new string per turn, which Node's HTTP layer
 * copies once more; the prerendered parts are Buffers outside the JavaScript heap, copied into one per response.
 */

import { deepFreeze } from '../knowledge/deep-freeze';

interface Prerendered {
  /** Each field's value and its JSON as `"name":value`, in UTF-8. */
  fields: Map<string, { value: unknown; json: Buffer }>;
  /** The joined JSON of sets of fields, made by `sharedFields` (keyed by the field names, in order). */
  joined?: Map<string, Buffer>;
}

const records = new WeakMap<object, Prerendered>();

/** Freezes `activity` (deeply: it will be shared between turns) and keeps the JSON of its fields. */
export function prerender<T extends { attachments?: unknown }>(activity: T): T {
  deepFreeze(activity);
  const fields = new Map<string, { value: unknown; json: Buffer }>();
  for (const [name, value] of Object.entries(activity)) {
    const json = JSON.stringify(value);
    if (json !== undefined) fields.set(name, { value, json: Buffer.from(`${JSON.stringify(name)}:${json}`) });
  }
  if (typeof activity.attachments === 'object' && activity.attachments !== null)
    records.set(activity.attachments, { fields });
  return activity;
}

const OPEN = Buffer.from('{"activities":[');
const CLOSE = Buffer.from(']}');
const COMMA = Buffer.from(',');
const OPEN_OBJECT = Buffer.from('{');
const CLOSE_OBJECT = Buffer.from('}');

/**
 * The UTF-8 JSON of an expectReplies body ({ activities }): what JSON.stringify gives, except that prerendered fields
 * come last in their activity (key order carries no meaning in JSON).
 */
export function expectedRepliesBody(body: { activities?: unknown[] }): Buffer {
  if (!Array.isArray(body.activities) || Object.keys(body).length !== 1) return Buffer.from(JSON.stringify(body));
  const chunks = [OPEN];
  body.activities.forEach((activity, i) => {
    if (i) chunks.push(COMMA);
    appendActivity(chunks, activity);
  });
  chunks.push(CLOSE);
  return Buffer.concat(chunks);
}

/**
 * The fields of `activity` that are still its prerendered ones (except those named in `except`) as one UTF-8 piece
 * of JSON, `"name":value,…` without braces, the same Buffer on every call for the same drawn activity; and the
 * other fields as they are. An activity that was not prerendered comes back whole in `rest`.
 */
export function sharedFields(
  activity: Record<string, unknown>,
  except: ReadonlySet<string>,
): { rest: Record<string, unknown>; json?: Buffer } {
  const record = recordOf(activity);
  if (!record) return { rest: activity };
  const rest: Record<string, unknown> = {};
  const names: string[] = [];
  const pieces: Buffer[] = [];
  for (const [name, value] of Object.entries(activity)) {
    const field = record.fields.get(name);
    if (field && field.value === value && !except.has(name)) {
      names.push(name);
      pieces.push(field.json);
    } else rest[name] = value;
  }
  if (!names.length) return { rest };
  record.joined ??= new Map();
  const key = names.join('\n');
  const made = record.joined.get(key);
  if (made) return { rest, json: made };
  // Its own allocation (not a slice of Node's shared pool), since it may outlive every response.
  const json = Buffer.allocUnsafeSlow(pieces.reduce((n, p) => n + p.length, 0) + pieces.length - 1);
  let offset = 0;
  pieces.forEach((piece, i) => {
    if (i) offset += COMMA.copy(json, offset);
    offset += piece.copy(json, offset);
  });
  record.joined.set(key, json);
  return { rest, json };
}

function recordOf(activity: unknown): Prerendered | undefined {
  const attachments = (activity as { attachments?: unknown } | null)?.attachments;
  return typeof attachments === 'object' && attachments !== null ? records.get(attachments) : undefined;
}

function appendActivity(chunks: Buffer[], activity: unknown): void {
  const record = recordOf(activity);
  if (!record) return void chunks.push(Buffer.from(JSON.stringify(activity) ?? 'null'));
  const rest: Record<string, unknown> = {};
  const spliced: Buffer[] = [];
  for (const [name, value] of Object.entries(activity as object)) {
    const field = record.fields.get(name);
    if (field && field.value === value) spliced.push(field.json);
    else rest[name] = value;
  }
  const head = JSON.stringify(rest);
  if (!spliced.length) return void chunks.push(Buffer.from(head));
  chunks.push(head === '{}' ? OPEN_OBJECT : Buffer.from(`${head.slice(0, -1)},`));
  spliced.forEach((json, i) => {
    if (i) chunks.push(COMMA);
    chunks.push(json);
  });
  chunks.push(CLOSE_OBJECT);
}
