/**
 * An activity as a Direct Line history keeps it: the JSON a client receives, in UTF-8, in Buffers of exactly its
 * size outside the JavaScript heap, so the bytes the store counts are the bytes held (a JavaScript string costs two
 * bytes a character once one character is outside Latin-1, and parsed objects several times their JSON). A bot reply
 * that is a drawn answer keeps only its own fields (id, timestamp, conversation, replyToId …); the answer's card and
 * text are one `shared` part, the same Buffer in every conversation that got that answer.
 *
 * ```ts
 * const kept = keepActivity(7, 'abc|0000007', { type: 'message', text: 'hi' });
 * socket.send(groupJson([kept], '7'));   // {"activities":[{…,"id":"abc|0000007"}],"watermark":"7"}
 * ```
 */

/**
 * Where an activity to keep carries fields already serialized elsewhere: `"name":value,…` (UTF-8 JSON fields
 * without braces), shared by every activity that holds the same Buffer. A symbol, so JSON.stringify never sees it.
 */
export const SHARED_JSON = Symbol('sharedJson');

/** What a conversation is asked to keep: the activity's fields, and optionally a shared part. */
export type ActivityToKeep = Record<string, unknown> & { type: string; [SHARED_JSON]?: Buffer };

export interface KeptActivity {
  readonly sequence: number;
  readonly id: string;
  readonly type: string;
  /** The activity's own fields as a JSON object. */
  readonly own: Buffer;
  readonly shared?: Buffer;
}

export function keepActivity(sequence: number, id: string, activity: ActivityToKeep): KeptActivity {
  const shared = activity[SHARED_JSON];
  return {
    sequence,
    id,
    type: activity.type,
    own: exactUtf8(JSON.stringify({ ...activity, id })),
    ...(shared?.length ? { shared } : {}),
  };
}

const OPEN = Buffer.from('{"activities":[');
const COMMA = Buffer.from(',');
const CLOSE_OBJECT = Buffer.from('}');

/** `{"activities":[…],"watermark":"N"}` (without a watermark for a transient push), as one Buffer. */
export function groupJson(activities: readonly KeptActivity[], watermark?: string): Buffer {
  const pieces: Buffer[] = [OPEN];
  activities.forEach((activity, i) => {
    if (i) pieces.push(COMMA);
    if (!activity.shared) return void pieces.push(activity.own);
    pieces.push(activity.own.subarray(0, -1), COMMA, activity.shared, CLOSE_OBJECT);
  });
  pieces.push(Buffer.from(watermark === undefined ? ']}' : `],"watermark":${JSON.stringify(watermark)}}`));
  return Buffer.concat(pieces);
}

/**
 * The UTF-8 of `text` in a Buffer of its own. Buffer.from() places short strings in a shared 8 KB slab, and one
 * small kept activity would then hold the whole slab.
 */
export function exactUtf8(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}
