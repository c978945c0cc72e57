/**
 * Request bodies, read strictly: JSON only, never compressed, never written to disk, never more than the limit in
 * memory, never nested deeper than any activity is. Replaces restify's bodyParser, which accepted multipart uploads
 * into the temp folder (past the limit) and inflated gzip before counting. Everything is refused before the body is
 * read where the headers already say why: 415 for another content type or a content coding, 413 for a declared
 * length over the limit; 413 as soon as the bytes read pass it; 400 for invalid UTF-8, JSON or nesting.
 */
import getRawBody from 'raw-body';
import type { Next, Request, RequestHandler, Response } from 'restify';

export interface JsonBodyOptions {
  maxBytes: number;
  /** Deepest nesting of objects and arrays accepted: an activity's is under 10, so 64 leaves room. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

/** An error restify answers with `statusCode`; the server's error handler words it as problem+json. */
export class BodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export function jsonBody({ maxBytes, maxDepth = DEFAULT_MAX_DEPTH }: JsonBodyOptions): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    if (!WITH_BODY.has(req.method ?? '') || !hasBody(req)) return next();
    const refuse = (err: BodyError) => {
      // The rest of the body is not read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      next(err);
    };
    const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (coding !== 'identity')
      return refuse(
        new BodyError(415, `content encoding "${coding.slice(0, 40)}" is not accepted; send the JSON uncompressed`),
      );
    if (!isJsonContentType(req.headers['content-type']))
      return refuse(new BodyError(415, 'only application/json is accepted'));
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(new BodyError(413, 'body over the limit'));

    getRawBody(req, { limit: maxBytes, length: Number.isFinite(declared) ? declared : undefined }).then(
      (raw) => {
        const parsed = parseJson(raw, maxDepth);
        if (parsed instanceof BodyError) return refuse(parsed);
        req.body = parsed.value;
        next();
      },
      (err: { type?: string; message?: string }) =>
        refuse(
          err.type === 'entity.too.large'
            ? new BodyError(413, 'body over the limit')
            : new BodyError(400, err.message ?? 'the body could not be read'),
        ),
    );
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** application/json, or a +json type (application/problem+json), with or without parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(raw: Buffer, maxDepth: number): { value: unknown } | BodyError {
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    return new BodyError(400, 'the body is not valid UTF-8');
  }
  if (nestingDepth(text) > maxDepth) return new BodyError(400, `the JSON nests deeper than ${maxDepth} levels`);
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return new BodyError(400, (err as Error).message);
  }
}

/** The deepest nesting of brackets outside strings, counted before parsing so a deep body costs one pass. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
