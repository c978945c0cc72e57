/**
 * Reply activities serialized once, when they were first drawn, and spliced into every later response as text. An
 * answer is 14 KB of JSON (card and Markdown); serializing it again for every expectReplies response was a tenth of
 * the CPU of a turn. Only what the turn adds (conversation, from, recipient, replyToId …) is serialized per turn.
 *
 *   const activity = prerender(answerActivity(answer)); // frozen; the JSON of each field kept
 *   res.sendRaw(200, expectedRepliesJson(body));        // the same JSON as JSON.stringify(body)
 *
 * TurnContext sends a shallow copy of the activity, with fields added or replaced, so the fields are recognised by
 * identity: a field of the copy whose value is still the prerendered one is spliced in; anything else (a field a
 * turn added, or replaced, like Teams' channelData) is serialized as usual. The attachments array, which every
 * drawn answer has and no turn replaces, is what finds the record.
 */

import { deepFreeze } from '../knowledge/deep-freeze';

interface Prerendered {
  /** Each field's value and its JSON as `"name":value`. */
  fields: Map<string, { value: unknown; json: string }>;
}

const records = new WeakMap<object, Prerendered>();

/** Freezes `activity` (deeply: it will be shared between turns) and keeps the JSON of its fields. */
export function prerender<T extends { attachments?: unknown }>(activity: T): T {
  deepFreeze(activity);
  const fields = new Map<string, { value: unknown; json: string }>();
  for (const [name, value] of Object.entries(activity)) {
    const json = JSON.stringify(value);
    if (json !== undefined) fields.set(name, { value, json: `${JSON.stringify(name)}:${json}` });
  }
  if (typeof activity.attachments === 'object' && activity.attachments !== null) records.set(activity.attachments, { fields });
  return activity;
}

/**
 * JSON for an expectReplies body ({ activities }): what JSON.stringify gives, except that prerendered fields come
 * last in their activity (key order carries no meaning in JSON).
 */
export function expectedRepliesJson(body: { activities?: unknown[] } | undefined): string {
  if (!body || !Array.isArray(body.activities) || Object.keys(body).length !== 1) return JSON.stringify(body);
  return `{"activities":[${body.activities.map(activityJson).join(',')}]}`;
}

function activityJson(activity: unknown): string {
  const attachments = (activity as { attachments?: unknown } | null)?.attachments;
  const record = typeof attachments === 'object' && attachments !== null ? records.get(attachments) : undefined;
  if (!record) return JSON.stringify(activity) ?? 'null';
  const rest: Record<string, unknown> = {};
  const spliced: string[] = [];
  for (const [name, value] of Object.entries(activity as object)) {
    const field = record.fields.get(name);
    if (field && field.value === value) spliced.push(field.json);
    else rest[name] = value;
  }
  const head = JSON.stringify(rest);
  if (!spliced.length) return head;
  return head === '{}' ? `{${spliced.join(',')}}` : `${head.slice(0, -1)},${spliced.join(',')}}`;
}
