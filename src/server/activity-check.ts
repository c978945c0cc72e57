/**
 * The least an incoming activity must carry before the adapter sees it. Channels always send these; a request
 * without them is a broken client, and gets 400 with the missing fields named instead of an error deep in a turn.
 */
export function missingActivityFields(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return ['(the body must be a JSON object: a Bot Framework activity)'];
  const a = body as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof a.type !== 'string' || !a.type) missing.push('type');
  if (typeof a.channelId !== 'string' || !a.channelId) missing.push('channelId');
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string' || !conversation.id) missing.push('conversation.id');
  const from = a.from as Record<string, unknown> | undefined;
  if (!from || typeof from.id !== 'string') missing.push('from.id');
  return missing;
}

/**
 * The longest each string the bot keys state by, logs or echoes may be. Channels' ids are far shorter (a Teams
 * conversation id is under 200 characters); without credentials anyone can send 200 KB ones.
 */
const MAX_LENGTHS: ReadonlyArray<[path: string, max: number]> = [
  ['type', 64],
  ['channelId', 64],
  ['locale', 64],
  ['name', 256],
  ['id', 512],
  ['replyToId', 512],
  ['conversation.id', 512],
  ['conversation.tenantId', 512],
  ['from.id', 512],
  ['from.name', 512],
  ['from.aadObjectId', 512],
  ['recipient.id', 512],
  ['recipient.name', 512],
  ['serviceUrl', 2048],
];

/** Fields longer than the bot accepts, named with their limits ("conversation.id (at most 512 characters)"). */
export function overlongFields(activity: Record<string, unknown>): string[] {
  return MAX_LENGTHS.filter(([path, max]) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        activity,
      );
    return typeof value === 'string' && value.length > max;
  }).map(([path, max]) => `${path} (at most ${max} characters)`);
}

/** Timestamps arrive as strings; the adapter expects Date objects (with the raw string kept), as CloudAdapter does. */
export function fixActivityDates<T extends Record<string, unknown>>(activity: T): T & { channelId?: string } {
  for (const key of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value = activity[key];
    if (typeof value === 'string') {
      (activity as Record<string, unknown>)[`raw${key[0]?.toUpperCase()}${key.slice(1)}`] = value;
      (activity as Record<string, unknown>)[key] = new Date(value);
    }
  }
  return activity;
}
