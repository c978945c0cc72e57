/**
 * Replies whose attachments were serialized once, when they were first drawn, and are spliced into every later
 * response as text. An answer card is 10 KB of JSON; serializing it again for every expectReplies response was a
 * twentieth of the CPU of a turn.
 *
 *   const activity = { ...built, attachments: prerender(built.attachments) }; // frozen, JSON kept
 *   res.sendRaw(200, expectedRepliesJson(body));                            // same text as JSON.stringify(body)
 */

const jsonOf = new WeakMap<object, string>();

/** Freezes `value` (deeply: it will be shared between turns) and keeps its JSON for expectedRepliesJson(). */
export function prerender<T extends object>(value: T): T {
  jsonOf.set(deepFreeze(value), JSON.stringify(value));
  return value;
}

/**
 * JSON for an expectReplies body ({ activities }): what JSON.stringify gives, except that prerendered attachments
 * are copied in as text and come last in their activity (key order carries no meaning in JSON).
 */
export function expectedRepliesJson(body: { activities?: unknown[] } | undefined): string {
  if (!body || !Array.isArray(body.activities) || Object.keys(body).length !== 1) return JSON.stringify(body);
  const activities = body.activities.map((activity) => {
    const attachments = (activity as { attachments?: unknown } | null)?.attachments;
    const json = typeof attachments === 'object' && attachments !== null ? jsonOf.get(attachments) : undefined;
    if (json === undefined) return JSON.stringify(activity) ?? 'null';
    const rest = JSON.stringify({ ...(activity as object), attachments: undefined });
    return rest === '{}' ? `{"attachments":${json}}` : `${rest.slice(0, -1)},"attachments":${json}}`;
  });
  return `{"activities":[${activities.join(',')}]}`;
}

/** Freezes an object and everything it holds, so a value shared between turns cannot be changed by one of them. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
